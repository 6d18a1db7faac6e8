package org.concord.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writers on two engines with separate MongoClients (as two command-side processes) append at once
 * while a tracking reader follows: no sequence number is taken twice, and the reader gets every
 * committed event once, each aggregate's events in order, and nothing of a failed commit.
 */
@ExtendWith(MongoDbExtension.class)
class ConcurrentAppendTest {

    private static final int WRITERS_PER_ENGINE = 3;
    private static final int COMMITS_PER_WRITER = 25;

    @Test
    void writersRacingOnOneAggregateNeverShareASequenceNumber(TestMongoDatabase database) throws Exception {
        Outcome outcome = race(database, List.of("the-one"), 1);

        assertThat(outcome.conflicts()).as("the race produced conflicts").isPositive();
        assertDeliveredExactlyOnceInOrder(outcome);
    }

    @Test
    void writersOnManyAggregatesWithCommitsSpanningTwoAreDeliveredExactlyOnce(TestMongoDatabase database) throws Exception {
        List<String> aggregates = LongStream.range(0, 8).mapToObj(i -> "aggregate-" + i).toList();

        Outcome outcome = race(database, aggregates, 2);

        assertDeliveredExactlyOnceInOrder(outcome);
    }

    private Outcome race(TestMongoDatabase database, List<String> aggregates, int aggregatesPerCommit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS_PER_ENGINE + 1);
        try (TestEngine first = TestEngine.open(database); TestEngine second = TestEngine.open(database)) {
            ConcurrentLinkedQueue<String> committed = new ConcurrentLinkedQueue<>();
            AtomicInteger conflicts = new AtomicInteger();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<TrackedEventMessage<?>> delivered = new ArrayList<>();
            TrackingReader reader = new TrackingReader(first.engine, null);
            Future<?> reading = pool.submit(() -> {
                while (writing.get()) {
                    delivered.addAll(reader.poll());
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (TestEngine engine : List.of(first, second)) {
                for (int w = 0; w < WRITERS_PER_ENGINE; w++) {
                    writers.add(pool.submit(() -> write(engine.engine, aggregates, aggregatesPerCommit, committed, conflicts)));
                }
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            reading.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                delivered.addAll(reader.poll());
                return delivered.size() >= committed.size();
            });
            return new Outcome(List.copyOf(committed), delivered, conflicts.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void write(SequencedMongoEventStorageEngine engine, List<String> aggregates, int aggregatesPerCommit,
                              ConcurrentLinkedQueue<String> committed, AtomicInteger conflicts) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int done = 0;
        while (done < COMMITS_PER_WRITER) {
            List<DomainEventMessage<?>> commit = new ArrayList<>();
            Set<String> chosen = new HashSet<>();
            while (chosen.size() < Math.min(aggregatesPerCommit, aggregates.size())) {
                chosen.add(aggregates.get(random.nextInt(aggregates.size())));
            }
            for (String aggregate : chosen) {
                long next = engine.lastSequenceNumberFor(aggregate).map(last -> last + 1).orElse(0L);
                int count = 1 + random.nextInt(3);
                for (int i = 0; i < count; i++) {
                    commit.add(TestEngine.event(aggregate, next + i));
                }
            }
            try {
                engine.appendEvents(commit);
                commit.forEach(event -> committed.add(event.getIdentifier()));
                done++;
            } catch (ConcurrencyException | AggregateStreamCreationException lostTheRace) {
                conflicts.incrementAndGet();
            }
        }
    }

    private static void assertDeliveredExactlyOnceInOrder(Outcome outcome) {
        List<String> deliveredIds = outcome.delivered().stream().map(TrackedEventMessage::getIdentifier).toList();
        assertThat(deliveredIds).doesNotHaveDuplicates();
        assertThat(deliveredIds).containsExactlyInAnyOrderElementsOf(outcome.committed());
        Map<String, List<Long>> sequencesByAggregate = new HashMap<>();
        for (TrackedEventMessage<?> message : outcome.delivered()) {
            DomainEventMessage<?> event = (DomainEventMessage<?>) message;
            sequencesByAggregate.computeIfAbsent(event.getAggregateIdentifier(), id -> new ArrayList<>())
                    .add(event.getSequenceNumber());
        }
        sequencesByAggregate.forEach((aggregate, sequences) -> assertThat(sequences)
                .as("sequence numbers of %s in delivery order", aggregate)
                .isEqualTo(LongStream.range(0, sequences.size()).boxed().toList()));
    }

    private record Outcome(List<String> committed, List<TrackedEventMessage<?>> delivered, int conflicts) {
    }
}
