package org.concord.command.dispatch;

import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest global position the event store gave to events appended in one unit of work, so that
 * a write's response can carry the position a reader waits for (read-your-writes).
 * Whoever wants it calls {@link #track(UnitOfWork)} before the events are appended; the store reports
 * every commit to {@link UnitOfWorkCommitHook}, which records it here.
 */
final class AppendedPosition {

    private static final String RESOURCE = AppendedPosition.class.getName();
    private final AtomicLong highest = new AtomicLong(-1);

    private AppendedPosition() {
    }

    static AppendedPosition track(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrComputeResource(RESOURCE, key -> new AppendedPosition());
    }

    /** The tracker of this unit of work, or null when nobody tracks it. */
    static AppendedPosition trackedBy(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getResource(RESOURCE);
    }

    void record(long position) {
        highest.accumulateAndGet(position, Math::max);
    }

    /** The highest position appended, or empty when the unit of work appended nothing (yet). */
    OptionalLong highest() {
        long value = highest.get();
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
