package org.concord.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.eventstore.TestEngine.event;

/**
 * Loading an aggregate through Axon's event store (as the repository does) starts from its latest
 * snapshot and reads only the events after it, unless a service's snapshot filter passes the snapshot over.
 */
@ExtendWith(MongoDbExtension.class)
class SnapshotTest {

    @Test
    void loadingReadsTheSnapshotThenOnlyLaterEvents(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            store.engine.appendEvents(LongStream.range(0, 10).mapToObj(sequence -> event("a", sequence)).toList());
            store.engine.storeSnapshot(snapshot("a", 5));

            List<? extends DomainEventMessage<?>> loaded = load(store, "a");

            assertThat(loaded).extracting(DomainEventMessage::getSequenceNumber).containsExactly(5L, 6L, 7L, 8L, 9L);
            assertThat(loaded.get(0).getPayload()).isEqualTo(new Noted("state of a at 5"));
            assertThat(loaded.get(1).getPayload()).isEqualTo(new Noted("a#6"));
        }
    }

    @Test
    void onlyTheLatestSnapshotOfAnAggregateIsKept(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            store.engine.appendEvents(LongStream.range(0, 10).mapToObj(sequence -> event("a", sequence)).toList());
            store.engine.storeSnapshot(snapshot("a", 5));
            store.engine.storeSnapshot(snapshot("a", 3));
            store.engine.storeSnapshot(snapshot("a", 8));

            assertThat(store.engine.readSnapshot("a")).get()
                    .extracting(DomainEventMessage::getSequenceNumber).isEqualTo(8L);
            assertThat(store.database.getCollection("snapshots").countDocuments()).isEqualTo(1);
            assertThat(load(store, "a")).extracting(DomainEventMessage::getSequenceNumber).containsExactly(8L, 9L);
        }
    }

    @Test
    void theWiringsEngineAppliesTheServicesSnapshotFiltersAndLoadsFromTheEventsInstead(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            store.engine.appendEvents(LongStream.range(0, 10).mapToObj(sequence -> event("a", sequence)).toList());
            store.engine.storeSnapshot(snapshot("a", 5));
            StaticListableBeanFactory beans = new StaticListableBeanFactory();
            beans.addBean("notesOfAnOlderShape", (SnapshotFilter) snapshot -> !"Note".equals(snapshot.getType()));
            SequencedMongoEventStorageEngine wired = new EventStoreConfiguration().eventStorageEngine(store.database,
                    new EventStoreProperties(Duration.ofSeconds(10), 100, Duration.ofSeconds(10), Duration.ofMillis(25)),
                    TestEngine.SERIALIZER, new ObjectMapper(), beans.getBeanProvider(MeterRegistry.class),
                    beans.getBeanProvider(CommitHook.class), beans.getBeanProvider(SnapshotFilter.class));

            assertThat(wired.readSnapshot("a")).isEmpty();
            assertThat(EmbeddedEventStore.builder().storageEngine(wired).build().readEvents("a").asStream().toList())
                    .extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        }
    }

    private static List<? extends DomainEventMessage<?>> load(TestEngine store, String aggregate) {
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(store.engine).build();
        try {
            return eventStore.readEvents(aggregate).asStream().toList();
        } finally {
            eventStore.shutDown();
        }
    }

    private static DomainEventMessage<Noted> snapshot(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Note", aggregate, sequence, new Noted("state of " + aggregate + " at " + sequence));
    }
}
