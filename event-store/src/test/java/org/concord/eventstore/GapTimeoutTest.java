package org.concord.eventstore;

import org.concord.testing.MovableClock;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.eventstore.TestEngine.event;

/** A gap holds the safe position back until the gap timeout has passed above it, then it is given up. */
@ExtendWith(MongoDbExtension.class)
class GapTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aGapThatNeverFillsIsGivenUpAfterTheTimeoutAndNotBefore(TestMongoDatabase database) {
        MovableClock clock = new MovableClock();
        try (TestEngine store = TestEngine.open(database, clock, TIMEOUT)) {
            store.engine.appendEvents(event("a", 0));
            long gap = store.engine.reservePositions(1);
            store.engine.appendEvents(event("b", 0));
            TrackingReader reader = new TrackingReader(store.engine, null);
            assertThat(reader.poll()).hasSize(2);
            assertThat(store.engine.safePosition()).isEqualTo(gap - 1);

            clock.advance(TIMEOUT.minusMillis(1));
            store.engine.appendEvents(event("c", 0));
            assertThat(lastToken(reader.poll()).getGaps()).containsExactly(gap);
            assertThat(store.engine.safePosition()).isEqualTo(gap - 1);

            clock.advance(Duration.ofMillis(1));
            store.engine.appendEvents(event("d", 0));
            assertThat(lastToken(reader.poll()).getGaps()).isEmpty();
            assertThat(store.engine.safePosition()).isEqualTo(store.engine.headPosition());
        }
    }

    @Test
    void safeEventsStopBelowAnOpenGapAndContinueOnceItFills(TestMongoDatabase database) {
        MovableClock clock = new MovableClock();
        try (TestEngine store = TestEngine.open(database, clock, TIMEOUT)) {
            store.engine.appendEvents(event("a", 0), event("a", 1));
            long gap = store.engine.reservePositions(1);
            store.engine.appendEvents(event("a", 2));

            SafeEventLog.SafeEvents firstPage = store.engine.readSafeEvents(0, 100);
            assertThat(texts(firstPage)).containsExactly("a#0", "a#1");
            assertThat(firstPage.lastPosition()).isEqualTo(gap - 1);

            store.engine.storeAt(gap, List.of(event("b", 0)), TestEngine.SERIALIZER);
            SafeEventLog.SafeEvents secondPage = store.engine.readSafeEvents(firstPage.lastPosition(), 100);
            assertThat(texts(secondPage)).containsExactly("b#0", "a#2");
            assertThat(secondPage.lastPosition()).isEqualTo(store.engine.headPosition());
        }
    }

    @Test
    void aHeadTokenSkipsStoredEventsButNotOnesStillInFlight(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            store.engine.appendEvents(event("a", 0));
            long inFlight = store.engine.reservePositions(1);
            store.engine.appendEvents(event("a", 1));
            TrackingReader reader = new TrackingReader(store.engine, store.engine.createHeadToken());

            store.engine.storeAt(inFlight, List.of(event("b", 0)), TestEngine.SERIALIZER);
            store.engine.appendEvents(event("a", 2));

            assertThat(reader.poll()).extracting(message -> ((Noted) message.getPayload()).text())
                    .containsExactly("b#0", "a#2");
        }
    }

    private static GapAwareTrackingToken lastToken(List<TrackedEventMessage<?>> read) {
        assertThat(read).isNotEmpty();
        return (GapAwareTrackingToken) read.get(read.size() - 1).trackingToken();
    }

    private static List<String> texts(SafeEventLog.SafeEvents page) {
        return page.events().stream().map(message -> ((Noted) message.getPayload()).text()).toList();
    }
}
