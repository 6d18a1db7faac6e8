package org.concord.eventstore;

import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.concord.eventstore.TestEngine.event;

/** The unique (aggregate, sequence) key is the optimistic lock, and a refused commit leaves nothing behind. */
@ExtendWith(MongoDbExtension.class)
class OptimisticLockTest {

    @Test
    void appendingATakenSequenceNumberIsAConcurrencyExceptionAndWritesNothing(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            store.engine.appendEvents(event("a", 0), event("a", 1));
            long documentsBefore = eventDocuments(store);

            assertThatThrownBy(() -> store.engine.appendEvents(event("a", 1), event("a", 2)))
                    .isInstanceOf(ConcurrencyException.class);

            assertThat(eventDocuments(store)).isEqualTo(documentsBefore);
            assertThat(sequences(store, "a")).containsExactly(0L, 1L);
        }
    }

    @Test
    void aCopyOfAnAggregateKnowsWhetherAnotherProcessChangedItSince(TestMongoDatabase database) {
        try (TestEngine one = TestEngine.open(database); TestEngine other = TestEngine.open(database)) {
            one.engine.appendEvents(event("a", 0), event("a", 1));
            assertThat(one.engine.holdsEventAfter("a", 1)).isFalse();
            assertThat(one.engine.holdsEventAfter("a", 0)).isTrue();

            other.engine.appendEvents(event("a", 2));
            assertThat(one.engine.holdsEventAfter("a", 1)).as("changed by the other process").isTrue();
            assertThat(one.engine.holdsEventAfter("b", -1)).as("an aggregate never stored").isFalse();
        }
    }

    @Test
    void creatingAnAggregateThatExistsIsAnAggregateStreamCreationException(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            store.engine.appendEvents(event("a", 0));

            assertThatThrownBy(() -> store.engine.appendEvents(event("a", 0)))
                    .isInstanceOf(AggregateStreamCreationException.class);
            assertThat(sequences(store, "a")).containsExactly(0L);
        }
    }

    @Test
    void aCommitClashingOnItsSecondAggregateWritesNoneOfItsEvents(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            store.engine.appendEvents(event("a", 0), event("a", 1));
            TrackingReader reader = new TrackingReader(store.engine, null);
            assertThat(reader.poll()).hasSize(2);

            assertThatThrownBy(() -> store.engine.appendEvents(event("b", 0), event("b", 1), event("a", 1)))
                    .isInstanceOf(ConcurrencyException.class);
            store.engine.appendEvents(event("c", 0));

            assertThat(sequences(store, "b")).isEmpty();
            assertThat(store.engine.lastSequenceNumberFor("b")).isEmpty();
            assertThat(reader.poll()).extracting(message -> ((DomainEventMessage<?>) message).getAggregateIdentifier())
                    .containsExactly("c");
        }
    }

    private static long eventDocuments(TestEngine store) {
        return store.database.getCollection("events").countDocuments(Filters.exists("eventIdentifier"));
    }

    private static List<Long> sequences(TestEngine store, String aggregate) {
        return store.engine.readEvents(aggregate).asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }
}
