package org.concord.eventstore;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.MovableClock;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.eventstore.TestEngine.event;

/**
 * A {@code $in} lookup costs every position it names, on the embedded server dearly, and most reads of a
 * busy log find little or nothing new: a read names the next {@value SequencedMongoEventStorageEngine#FIRST_LOOK}
 * positions first and looks further only when they are full.
 */
@ExtendWith(MongoDbExtension.class)
class LookupCostTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void readsThatFindNothingNewNameNoMoreThanTheFirstLook(TestMongoDatabase database) {
        PositionsNamed named = new PositionsNamed();
        try (TestEngine store = TestEngine.open(database, new MovableClock(), TIMEOUT, named)) {
            for (int i = 0; i < 300; i++) {
                store.engine.appendEvents(event("a", i));
            }
            TrackingReader reader = new TrackingReader(store.engine, null);
            assertThat(reader.poll()).hasSize(300);
            assertThat(store.engine.safePosition()).isEqualTo(300);

            named.count.set(0);
            assertThat(reader.poll()).isEmpty();
            assertThat(named.count.get()).isLessThanOrEqualTo(SequencedMongoEventStorageEngine.FIRST_LOOK);

            named.count.set(0);
            assertThat(store.engine.safePosition()).isEqualTo(300);
            assertThat(named.count.get()).isLessThanOrEqualTo(SequencedMongoEventStorageEngine.FIRST_LOOK);
        }
    }

    @Test
    void aReadBehindManyEventsStillGetsAWholeBatch(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            for (int i = 0; i < 250; i++) {
                store.engine.appendEvents(event("a", i));
            }
            TrackingReader reader = new TrackingReader(store.engine, null);
            assertThat(reader.poll()).hasSize(250);
            assertThat(store.engine.readSafeEvents(0, 1000).events()).hasSize(250);
        }
    }

    @Test
    void aRunOfLostPositionsLongerThanTheFirstLookIsGivenUpAfterTheTimeout(TestMongoDatabase database) {
        MovableClock clock = new MovableClock();
        try (TestEngine store = TestEngine.open(database, clock, TIMEOUT, new PositionsNamed())) {
            store.engine.appendEvents(event("a", 0));
            assertThat(store.engine.safePosition()).isEqualTo(1);
            long lost = store.engine.reservePositions(3 * SequencedMongoEventStorageEngine.FIRST_LOOK);
            store.engine.appendEvents(event("b", 0));
            assertThat(store.engine.safePosition()).isEqualTo(lost - 1);

            clock.advance(TIMEOUT);
            assertThat(store.engine.safePosition()).isEqualTo(store.engine.headPosition());
        }
    }

    @Test
    void aReaderFollowingTheHeadNamesEachNewPositionOnce(TestMongoDatabase database) {
        PositionsNamed named = new PositionsNamed();
        try (TestEngine store = TestEngine.open(database, new MovableClock(), TIMEOUT, named)) {
            for (int i = 0; i < 100; i++) {
                store.engine.appendEvents(event("a", i));
            }
            named.positions.clear();
            assertThat(store.engine.readRawSafeEvents(0, 1000).events()).hasSize(100);
            assertThat(named.timesNamed(1, 100)).as("times each of positions 1 to 100 was named").containsOnly(1L);

            for (int i = 100; i < 150; i++) {
                store.engine.appendEvents(event("a", i));
            }
            named.positions.clear();
            RawEventLog.RawEvents page = store.engine.readRawSafeEvents(100, 1000);
            assertThat(page.events()).hasSize(50);
            assertThat(page.lastPosition()).isEqualTo(150);
            assertThat(named.timesNamed(101, 150)).as("times each of positions 101 to 150 was named").containsOnly(1L);
            assertThat(store.engine.readSafeEvents(100, 1000).events()).hasSize(50);
        }
    }

    /** Counts the positions named by {@code $in} in the finds on the events collection. */
    private static final class PositionsNamed implements CommandListener {

        final AtomicInteger count = new AtomicInteger();
        final List<Long> positions = new CopyOnWriteArrayList<>();

        /** How many times each position of {@code from} to {@code to} was named, in position order. */
        List<Long> timesNamed(long from, long to) {
            return LongStream.rangeClosed(from, to)
                    .mapToObj(wanted -> positions.stream().filter(position -> position == wanted).count())
                    .toList();
        }

        @Override
        public void commandStarted(CommandStartedEvent event) {
            BsonDocument command = event.getCommand();
            if (!"find".equals(event.getCommandName()) || !"events".equals(command.getString("find").getValue())) {
                return;
            }
            BsonDocument position = command.getDocument("filter").getDocument("_id", null);
            if (position != null && position.isArray("$in")) {
                BsonArray positions = position.getArray("$in");
                count.addAndGet(positions.size());
                positions.forEach(named -> this.positions.add(named.asNumber().longValue()));
            }
        }
    }
}
