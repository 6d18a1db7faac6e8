package org.concord.eventstore;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest global position the event store gave to events appended in one unit of work, so that
 * a write's response can carry the position a reader waits for (read-your-writes).
 * Whoever wants it calls {@link #track(UnitOfWork)} before the events are appended; the storage
 * engine reports every append through {@link #recordInCurrentUnitOfWork(long)}.
 */
public final class AppendedPosition {

    private static final String RESOURCE = AppendedPosition.class.getName();
    private final AtomicLong highest = new AtomicLong(-1);

    private AppendedPosition() {
    }

    public static AppendedPosition track(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrComputeResource(RESOURCE, key -> new AppendedPosition());
    }

    public static void recordInCurrentUnitOfWork(long position) {
        CurrentUnitOfWork.ifStarted(unitOfWork -> {
            AppendedPosition tracked = unitOfWork.root().getResource(RESOURCE);
            if (tracked != null) {
                tracked.highest.accumulateAndGet(position, Math::max);
            }
        });
    }

    /** The highest position appended, or empty when the unit of work appended nothing (yet). */
    public OptionalLong highest() {
        long value = highest.get();
        return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
