package org.concord.eventstore;

import org.concord.testing.MovableClock;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.concord.testing.MongoDbExtension;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random interleavings of appends that land at once, late (but within the gap timeout) or never,
 * tracking reads and clock moves. After every read the reader has every stored event exactly once,
 * and no position still to be filled lies at or below the safe position; at the end the gaps that
 * never filled are given up.
 */
class GapTrackingPropertyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    enum Fate { NOW, LATE, NEVER }

    sealed interface Step permits Append, Read, Tick {
    }

    record Append(int size, Fate fate) implements Step {
    }

    record Read() implements Step {
    }

    record Tick(long millis) implements Step {
    }

    private record Reserved(long firstPosition, List<EventMessage<?>> events, Instant reservedAt) {
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Step> append = Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.of(Fate.class))
                .as(Append::new);
        Arbitrary<Step> read = Arbitraries.just(new Read());
        Arbitrary<Step> tick = Arbitraries.longs().between(0, 7_000).map(Tick::new);
        return Arbitraries.frequencyOf(Tuple.of(5, append), Tuple.of(3, read), Tuple.of(2, tick))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void storedEventsAreDeliveredOnceAndGapsThatNeverFillAreGivenUp(@ForAll("scenarios") List<Step> steps) {
        MovableClock clock = new MovableClock();
        try (TestEngine store = TestEngine.open(MongoDbExtension.newDatabase(), clock, TIMEOUT)) {
            Scenario scenario = new Scenario(store, clock);
            steps.forEach(scenario::run);
            scenario.finish();
        }
    }

    private static final class Scenario {

        private final TestEngine store;
        private final MovableClock clock;
        private final TrackingReader reader;
        private final Deque<Reserved> late = new ArrayDeque<>();
        private final Set<String> stored = new HashSet<>();
        private final List<String> delivered = new ArrayList<>();
        private int aggregates;

        Scenario(TestEngine store, MovableClock clock) {
            this.store = store;
            this.clock = clock;
            this.reader = new TrackingReader(store.engine, null);
        }

        void run(Step step) {
            if (step instanceof Append append) {
                append(append);
            } else if (step instanceof Tick tick) {
                Instant then = clock.instant().plusMillis(tick.millis());
                // a late append lands before the gap timeout would have passed since it reserved
                while (!late.isEmpty() && !late.peekFirst().reservedAt().plus(TIMEOUT).isAfter(then)) {
                    storeLate();
                }
                clock.advance(Duration.ofMillis(tick.millis()));
            } else {
                read();
                late.stream().forEach(reserved -> assertThat(reserved.firstPosition())
                        .as("a position still to be filled").isGreaterThan(store.engine.safePosition()));
                if (!late.isEmpty()) {
                    storeLate();
                }
            }
        }

        void finish() {
            while (!late.isEmpty()) {
                storeLate();
            }
            append(new Append(1, Fate.NOW));
            clock.advance(TIMEOUT);
            append(new Append(1, Fate.NOW));
            read();
            assertThat(((GapAwareTrackingToken) reader.token()).getGaps()).as("gaps after the timeout").isEmpty();
            assertThat(store.engine.safePosition()).isEqualTo(store.engine.headPosition());
        }

        private void append(Append append) {
            String aggregate = "aggregate-" + aggregates++;
            List<EventMessage<?>> events = LongStream.range(0, append.size())
                    .<EventMessage<?>>mapToObj(sequence -> TestEngine.event(aggregate, sequence)).toList();
            switch (append.fate()) {
                case NOW -> {
                    store.engine.appendEvents(events);
                    events.forEach(event -> stored.add(event.getIdentifier()));
                }
                case LATE -> late.addLast(new Reserved(store.engine.reservePositions(events.size()), events, clock.instant()));
                case NEVER -> store.engine.reservePositions(events.size());
            }
        }

        private void storeLate() {
            Reserved reserved = late.removeFirst();
            store.engine.storeAt(reserved.firstPosition(), reserved.events(), TestEngine.SERIALIZER);
            reserved.events().forEach(event -> stored.add(event.getIdentifier()));
        }

        private void read() {
            List<TrackedEventMessage<?>> read = reader.poll();
            read.forEach(message -> delivered.add(message.getIdentifier()));
            assertThat(delivered).doesNotHaveDuplicates();
            assertThat(delivered).containsExactlyInAnyOrderElementsOf(stored);
            read.stream().map(message -> (DomainEventMessage<?>) message)
                    .forEach(event -> assertThat(event.getPayload()).isInstanceOf(Noted.class));
        }
    }
}
