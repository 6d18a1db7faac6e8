package org.concord.eventstore;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.MovableClock;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.eventstore.TestEngine.event;

/** The verifiable log reads events as stored: their bytes untouched, below the safe position, tombstones left out. */
@ExtendWith(MongoDbExtension.class)
class RawEventLogTest {

    @Test
    void safeEventsAreReadAsStoredAndStopBelowAnOpenGap(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database, new MovableClock(), Duration.ofSeconds(10))) {
            store.engine.appendEvents(event("a", 0), event("a", 1));
            long gap = store.engine.reservePositions(1);
            store.engine.appendEvents(event("a", 2));

            RawEventLog.RawEvents page = store.engine.readRawSafeEvents(0, 100);

            assertThat(page.lastPosition()).isEqualTo(gap - 1);
            assertThat(page.events()).extracting(RawEventLog.StoredEvent::position).containsExactly(1L, 2L);
            RawEventLog.StoredEvent second = page.events().get(1);
            Document stored = store.database.getCollection("events").find(Filters.eq("_id", 2L)).first();
            assertThat(second.payload()).isEqualTo(((Binary) stored.get("payload")).getData());
            assertThat(new String(second.payload(), StandardCharsets.UTF_8)).contains("a#1");
            assertThat(second.eventIdentifier()).isEqualTo(stored.getString("eventIdentifier"));
            assertThat(second.payloadType()).isEqualTo(Noted.class.getName());
            assertThat(second.aggregateIdentifier()).isEqualTo("a");
            assertThat(second.aggregateType()).isEqualTo("Note");
            assertThat(second.sequenceNumber()).isEqualTo(1);
            assertThat(second.timestamp()).isEqualTo(stored.getDate("timestamp").toInstant());
        }
    }

    @Test
    void positionsAreReadAsTheyAreNowWithoutTombstones(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            store.engine.appendEvents(event("a", 0), event("a", 1));
            store.engine.appendEvents(event("b", 0));
            var events = store.database.getCollection("events");
            events.updateOne(Filters.eq("_id", 1L), Updates.set("payload", new Binary("{\"text\":\"changed\"}".getBytes(StandardCharsets.UTF_8))));
            events.deleteOne(Filters.eq("_id", 2L));
            events.replaceOne(Filters.eq("_id", 3L), new Document("_id", 3L).append("tombstone", true)
                    .append("appendedAt", new java.util.Date()));

            List<RawEventLog.StoredEvent> read = store.engine.readRawEvents(List.of(1L, 2L, 3L, 4L));

            // position 1's commit lost its last event, yet an audit sees the document as it is
            assertThat(read).extracting(RawEventLog.StoredEvent::position).containsExactly(1L);
            assertThat(new String(read.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"changed\"}");
        }
    }

    @Test
    void anAggregatesEventIsFoundBySequenceNumber(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            store.engine.appendEvents(event("a", 0));
            store.engine.appendEvents(event("b", 0), event("b", 1));

            assertThat(store.engine.readRawEvent("b", 1)).get().extracting(RawEventLog.StoredEvent::position).isEqualTo(3L);
            assertThat(store.engine.readRawEvent("b", 2)).isEmpty();
            assertThat(store.engine.readRawEvent("c", 0)).isEmpty();
        }
    }
}
