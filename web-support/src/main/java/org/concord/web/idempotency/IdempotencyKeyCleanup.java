package org.concord.web.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;

/**
 * Forgets keys older than {@code concord.idempotency.keep}. A periodic delete rather than a TTL index
 * because the embedded MongoDB has no TTL indexes.
 */
class IdempotencyKeyCleanup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

    private final IdempotencyKeyStore store;
    private final IdempotencyProperties properties;
    private final Clock clock;
    private volatile Disposable schedule;

    IdempotencyKeyCleanup(IdempotencyKeyStore store, IdempotencyProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deletes the keys created more than {@code keep} ago; answers how many. */
    long deleteExpired() {
        return store.deleteCreatedBefore(clock.instant().minus(properties.keep()));
    }

    @Override
    public void start() {
        Duration every = properties.cleanupEvery();
        schedule = Flux.interval(every, every, Schedulers.boundedElastic()).subscribe(tick -> {
            try {
                long deleted = deleteExpired();
                log.debug("Deleted {} expired idempotency keys", deleted);
            } catch (RuntimeException e) {
                // One failed round must not end the schedule; the next round deletes what this one missed.
                log.warn("Could not delete expired idempotency keys", e);
            }
        });
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
