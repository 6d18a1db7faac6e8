package org.concord.eventstore;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.ArrayList;
import java.util.List;

/** Reads an engine the way a tracking processor does: from its last token, until the stream ends. */
final class TrackingReader {

    private final EventStorageEngine engine;
    private TrackingToken token;

    TrackingReader(EventStorageEngine engine, TrackingToken token) {
        this.engine = engine;
        this.token = token;
    }

    List<TrackedEventMessage<?>> poll() {
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (var stream = engine.readEvents(token, false)) {
            stream.forEach(read::add);
        }
        if (!read.isEmpty()) {
            token = read.get(read.size() - 1).trackingToken();
        }
        return read;
    }

    TrackingToken token() {
        return token;
    }
}
