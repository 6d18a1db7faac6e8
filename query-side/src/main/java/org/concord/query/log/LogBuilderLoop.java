package org.concord.query.log;

import org.concord.eventstore.RawEventLog;
import org.concord.eventstore.log.LogBuilder;
import org.concord.eventstore.log.LogKeys;
import org.concord.eventstore.log.LogStorage;
import org.concord.query.progress.StoredEventsHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs this query side's {@link LogBuilder}: every {@code concord.log.build-interval}, and, while it holds the lease and
 * the feeds' poller has seen the store's head move past what the tree covers, every 250 ms. One query side at a
 * time builds (the lease); the others try every interval and take over once its lease runs out.
 */
@Component
@ConditionalOnProperty(name = "concord.log.enabled", havingValue = "true", matchIfMissing = true)
class LogBuilderLoop implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LogBuilderLoop.class);
    private static final long WAKE_CHECK_MILLIS = 50;
    /**
     * While events arrive, a build at most this often: each build's fixed cost (the safe position, the lease, the
     * state) and its writes then serve more events; measured by bench log (appends with the tree on / off: 0.60 at
     * 50 ms, 0.70 at 250 ms).
     */
    private static final long BUSY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final int BATCH_SIZE = 1000;

    private final LogBuilder builder;
    private final StoredEventsHead head;
    private final long intervalNanos;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "log-builder");
        thread.setDaemon(true);
        return thread;
    });
    private long builtAt = System.nanoTime() - Long.MAX_VALUE / 2;
    private boolean holding;
    private boolean failing;

    LogBuilderLoop(RawEventLog events, LogStorage storage, LogKeys keys, LogProperties properties, StoredEventsHead head) {
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.builder = new LogBuilder(events, storage, keys, Clock.systemUTC(), owner, properties.lease(),
                properties.checkpointInterval(), BATCH_SIZE);
        this.head = head;
        this.intervalNanos = properties.buildInterval().toNanos();
        loop.scheduleWithFixedDelay(this::tick, 0, WAKE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long sinceBuilt = System.nanoTime() - builtAt;
        boolean due = sinceBuilt >= intervalNanos
                || holding && sinceBuilt >= BUSY_PAUSE_NANOS && head.head() > builder.coveredPosition();
        if (!due) {
            return;
        }
        builtAt = System.nanoTime();
        try {
            holding = builder.build();
            if (failing) {
                log.info("Verifiable log: building again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing && !loop.isShutdown()) {
                log.warn("Verifiable log: could not build it; trying again every interval", e);
            }
            failing = true;
        }
    }

    /** A clean stop gives the lease up, so that another query side continues at once. */
    @Override
    public void destroy() {
        loop.shutdownNow();
        try {
            builder.release();
        } catch (RuntimeException e) {
            log.debug("Verifiable log: the lease could not be given up; it runs out by itself", e);
        }
    }
}
