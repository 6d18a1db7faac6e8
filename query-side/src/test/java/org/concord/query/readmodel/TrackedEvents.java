package org.concord.query.readmodel;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Events handed to projections as their tracking processor hands them: one after another, each at the next global
 * position (1, 2, ...) and one second after the one before, so that a test can say where and when an event was.
 */
public final class TrackedEvents {

    private final List<AnnotationEventHandlerAdapter> projections;
    private final Instant first;
    private long position;

    /** Events for {@code projections}, the first at position 1 and instant {@code first}. */
    public TrackedEvents(Instant first, Object... projections) {
        this.first = first;
        this.projections = Arrays.stream(projections).map(AnnotationEventHandlerAdapter::new).toList();
    }

    /** Hands {@code payload}, an event of aggregate {@code aggregateId}, to every projection at the next position. */
    public void deliver(String aggregateId, Object payload) throws Exception {
        position++;
        redeliver(position, aggregateId, payload);
    }

    /** Hands {@code payload} again at {@code position}, as a processor does after a crash before it stored its token. */
    public void redeliver(long position, String aggregateId, Object payload) throws Exception {
        var event = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>("Aggregate", aggregateId, position - 1, payload, MetaData.emptyInstance(),
                        UUID.randomUUID().toString(), at(position)));
        for (AnnotationEventHandlerAdapter projection : projections) {
            projection.handle(event);
        }
    }

    /** The instant of the event at {@code position}. */
    public Instant at(long position) {
        return first.plusSeconds(position - 1);
    }

    /** The position of the latest event delivered. */
    public long position() {
        return position;
    }
}
