package org.concord.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

/**
 * Hands out global positions. A position belongs to whoever inserts the event document with it as
 * {@code _id} first (the unique {@code _id} index decides between processes), so an append costs no
 * extra round trip. Each engine hands out positions from a local counter, which it raises to just
 * above the stored events at least every half gap timeout and whenever it loses a position to another
 * process: a position handed out is therefore never below an event that readers could already have
 * given the gap up for.
 * <p>
 * Two small documents keep marks: {@code head}, a hint at the highest position stored (raised on
 * every refresh), and {@code safe}, the highest safe position any process computed.
 */
final class EventPositions {

    static final int PROBE = 256;
    private static final String HEAD = "head";
    private static final String SAFE = "safe";
    private static final String VALUE = "value";

    private final MongoCollection<Document> marks;
    private final MongoCollection<Document> events;
    private final Clock clock;
    private final Duration refreshInterval;
    private final AtomicLong next = new AtomicLong(1);
    private final AtomicLong highestWritten = new AtomicLong();
    private final AtomicReference<Instant> refreshedAt = new AtomicReference<>(Instant.MIN);

    EventPositions(MongoCollection<Document> marks, MongoCollection<Document> events, Clock clock, Duration gapTimeout) {
        this.marks = marks;
        this.events = events;
        this.clock = clock;
        this.refreshInterval = gapTimeout.dividedBy(2);
        createIfMissing(HEAD);
        createIfMissing(SAFE);
    }

    /** Hands out {@code count} consecutive positions above {@code floor}; returns the first. */
    long claim(int count, long floor) {
        if (!clock.instant().isBefore(refreshedAt.get().plus(refreshInterval))) {
            refresh();
        }
        next.accumulateAndGet(floor + 1, Math::max);
        return next.getAndAdd(count);
    }

    /** Raises the local counter above every stored event, after losing a position or when it is old. */
    void refresh() {
        Instant now = clock.instant();
        long head = head();
        next.accumulateAndGet(head + 1, Math::max);
        refreshedAt.set(now);
        marks.updateOne(Filters.eq("_id", HEAD), Updates.max(VALUE, head));
    }

    void written(long position) {
        highestWritten.accumulateAndGet(position, Math::max);
    }

    /** The highest position with a stored document: probed upwards from the best known mark. */
    long head() {
        long high = Math.max(Math.max(headHint(), highestWritten.get()), storedSafe());
        while (true) {
            long found = highestIn(high + 1, high + PROBE);
            if (found == 0) {
                return high;
            }
            high = found;
        }
    }

    long headHint() {
        return valueOf(marks.find(Filters.eq("_id", HEAD)).first());
    }

    /** The safe position last stored by any process, 0 when none. */
    long storedSafe() {
        return valueOf(marks.find(Filters.eq("_id", SAFE)).first());
    }

    void raiseSafe(long position) {
        marks.updateOne(Filters.eq("_id", SAFE), Updates.max(VALUE, position));
    }

    private long highestIn(long from, long to) {
        long highest = 0;
        for (Document document : events.find(Filters.in("_id", LongStream.rangeClosed(from, to).boxed().toList()))
                .projection(Projections.include("_id"))) {
            highest = Math.max(highest, ((Number) document.get("_id")).longValue());
        }
        return highest;
    }

    private void createIfMissing(String mark) {
        try {
            marks.updateOne(Filters.eq("_id", mark), Updates.setOnInsert(VALUE, 0L), new UpdateOptions().upsert(true));
        } catch (MongoServerException e) {
            // another process created the same mark at the same moment
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static long valueOf(Document mark) {
        return mark == null ? 0L : ((Number) mark.get(VALUE)).longValue();
    }
}
