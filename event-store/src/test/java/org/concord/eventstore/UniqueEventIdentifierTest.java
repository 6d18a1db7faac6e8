package org.concord.eventstore;

import com.mongodb.client.model.Filters;
import org.axonframework.common.AxonException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.concord.eventstore.TestEngine.event;

/**
 * An event identifier names one stored event: an append that reuses a stored identifier, under
 * another aggregate, in a later event of a commit, or racing from another process, is refused and
 * leaves nothing visible.
 */
@ExtendWith(MongoDbExtension.class)
class UniqueEventIdentifierTest {

    @Test
    void anEventReusingAStoredIdentifierUnderAnotherAggregateIsRefused(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            DomainEventMessage<Noted> first = event("a", 0);
            store.engine.appendEvents(first);

            assertThatThrownBy(() -> store.engine.appendEvents(withIdentifier(first.getIdentifier(), "b", 0)))
                    .isInstanceOf(AxonException.class);

            assertThat(store.engine.lastSequenceNumberFor("b")).isEmpty();
            assertThat(storedWithIdentifier(store, first.getIdentifier())).isEqualTo(1);
            assertThat(texts(new TrackingReader(store.engine, null).poll())).containsExactly("a#0");
        }
    }

    @Test
    void anEventWithoutAggregateCannotReuseTheIdentifierOfADomainEvent(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            DomainEventMessage<Noted> first = event("a", 0);
            store.engine.appendEvents(first);
            EventMessage<Noted> reused = new GenericEventMessage<>(first.getIdentifier(), new Noted("loose"),
                    MetaData.emptyInstance(), Instant.now());

            assertThatThrownBy(() -> store.engine.appendEvents(reused)).isInstanceOf(AxonException.class);

            assertThat(texts(new TrackingReader(store.engine, null).poll())).containsExactly("a#0");
        }
    }

    @Test
    void aCommitWhoseLaterEventReusesAStoredIdentifierWritesNoneOfItsEvents(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            DomainEventMessage<Noted> first = event("a", 0);
            store.engine.appendEvents(first);
            TrackingReader reader = new TrackingReader(store.engine, null);
            assertThat(reader.poll()).hasSize(1);

            assertThatThrownBy(() -> store.engine.appendEvents(event("c", 0), withIdentifier(first.getIdentifier(), "c", 1)))
                    .isInstanceOf(AxonException.class);
            store.engine.appendEvents(event("d", 0));

            assertThat(store.engine.lastSequenceNumberFor("c")).isEmpty();
            assertThat(texts(reader.poll())).containsExactly("d#0");
        }
    }

    @Test
    void twoProcessesRacingWithOneIdentifierStoreItOnce(TestMongoDatabase database) throws Exception {
        String identifier = "shared-identifier";
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try (TestEngine first = TestEngine.open(database); TestEngine second = TestEngine.open(database)) {
            List<Callable<Boolean>> appends = new ArrayList<>();
            for (int writer = 0; writer < writers; writer++) {
                SequencedMongoEventStorageEngine engine = (writer % 2 == 0 ? first : second).engine;
                DomainEventMessage<Noted> event = withIdentifier(identifier, "writer-" + writer, 0);
                appends.add(() -> {
                    try {
                        engine.appendEvents(event);
                        return true;
                    } catch (AxonException refused) {
                        return false;
                    }
                });
            }
            int stored = 0;
            for (Future<Boolean> append : pool.invokeAll(appends)) {
                stored += append.get() ? 1 : 0;
            }

            assertThat(stored).isEqualTo(1);
            assertThat(storedWithIdentifier(first, identifier)).isEqualTo(1);
            assertThat(new TrackingReader(second.engine, null).poll())
                    .extracting(EventMessage::getIdentifier).containsExactly(identifier);
        } finally {
            pool.shutdownNow();
        }
    }

    private static DomainEventMessage<Noted> withIdentifier(String identifier, String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Note", aggregate, sequence, new Noted(aggregate + "#" + sequence),
                MetaData.emptyInstance(), identifier, Instant.now());
    }

    private static long storedWithIdentifier(TestEngine store, String identifier) {
        return store.database.getCollection("events").countDocuments(Filters.eq("eventIdentifier", identifier));
    }

    private static List<String> texts(List<TrackedEventMessage<?>> read) {
        return read.stream().map(message -> ((Noted) message.getPayload()).text()).toList();
    }
}
