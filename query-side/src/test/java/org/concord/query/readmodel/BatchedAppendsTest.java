package org.concord.query.readmodel;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The entries of a batch of events are written together when its last event has been handled: in order, once
 * each, in a few operations whatever the batch's size, and not at all when the batch fails.
 */
class BatchedAppendsTest {

    private static final long SPAN = 10;

    private final AtomicInteger commands = new AtomicInteger();
    private MongoClient client;
    private ChunkedEntries logs;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(test.uri()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.incrementAndGet();
                    }
                }).build());
        logs = new ChunkedEntries(new ReadModels(client.getDatabase(test.name())), "logs", "logChunks", SPAN);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void aBatchsEntriesAreWrittenInOrderAfterItsLastEventInAFewOperations() throws Exception {
        List<Long> seenBeforeTheEnd = new ArrayList<>();
        List<EventMessage<?>> batch = events(1, 100);

        handle(batch, message -> {
            long position = (Long) message.getPayload();
            logs.append(position % 2 == 0 ? "even" : "odd", entry(position));
            if (position == 100) {
                seenBeforeTheEnd.addAll(positions("even"));
                seenBeforeTheEnd.addAll(positions("odd"));
                commands.set(0);
            }
            return null;
        });

        assertThat(seenBeforeTheEnd).isEmpty();
        // one lookup of the 20 chunks, one write of them, one of the two listings: not two or three a entry
        assertThat(commands).hasValueLessThanOrEqualTo(3);
        assertThat(positions("even")).containsExactlyElementsOf(LongStream.rangeClosed(1, 50).map(i -> 2 * i).boxed().toList());
        assertThat(positions("odd")).containsExactlyElementsOf(LongStream.rangeClosed(1, 50).map(i -> 2 * i - 1).boxed().toList());
    }

    @Test
    void aBatchDeliveredAgainAddsOnlyWhatWasNotThere() throws Exception {
        handle(events(1, 15), message -> append("log", message));
        handle(events(11, 25), message -> append("log", message));

        assertThat(positions("log")).containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
    }

    @Test
    void aBatchThatFailsWritesNothing() {
        assertThatThrownBy(() -> handle(events(1, 5), message -> {
            append("log", message);
            if ((Long) message.getPayload() == 5) {
                throw new IllegalStateException("the store went away");
            }
            return null;
        })).hasMessageContaining("the store went away");

        assertThat(positions("log")).isEmpty();
    }

    @Test
    void outsideABatchAnEntryIsWrittenAtOnce() {
        logs.append("log", entry(7));

        assertThat(positions("log")).containsExactly(7L);
    }

    private Object append(String key, EventMessage<?> message) {
        logs.append(key, entry((Long) message.getPayload()));
        return null;
    }

    /** As a processor handles a batch: one unit of work, every event through the interceptors, then the commit. */
    private static void handle(List<EventMessage<?>> batch, MessageHandler<EventMessage<?>> handler) throws Exception {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(unitOfWork, List.of(new BatchedAppends()), handler).proceed());
        if (unitOfWork.getExecutionResult().isExceptionResult()) {
            throw (Exception) unitOfWork.getExecutionResult().getExceptionResult();
        }
    }

    private static List<EventMessage<?>> events(long from, long to) {
        return LongStream.rangeClosed(from, to).<EventMessage<?>>mapToObj(GenericEventMessage::asEventMessage).toList();
    }

    private static StoredEntry entry(long position) {
        return new StoredEntry(position, Instant.parse("2026-12-06T12:00:00Z").plusSeconds(position), "Test", null,
                new Document("n", position));
    }

    private List<Long> positions(String key) {
        return logs.read(key).stream().map(StoredEntry::position).toList();
    }
}
