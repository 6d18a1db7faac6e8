package org.concord.query.feed;

import org.concord.eventstore.log.LogStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The verifiable log's latest signed checkpoint, as the feeds publish it: one poller per query-side process
 * looks for a new one (written by the log's builder) and keeps the latest in memory, so that any number of
 * subscribers and Atom readers cost no extra reads. It reads the log as its endpoints do, through event-store's
 * {@link LogStorage}: the count of checkpoints in the builder's state, then, when it grew, the checkpoint of that
 * number (each a lookup by a unique key).
 */
@Component
class FeedCheckpoints implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FeedCheckpoints.class);

    private final LogStorage storage;
    /** Replays the latest checkpoint to each new subscriber, then each newer one. */
    private final Sinks.Many<Checkpoint> published = Sinks.many().replay().latest();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "feed-checkpoints");
        thread.setDaemon(true);
        return thread;
    });
    /** Only the poller writes them. */
    private volatile Checkpoint latest;
    private long latestNumber;

    FeedCheckpoints(LogStorage storage, FeedProperties properties) {
        this.storage = storage;
        long every = properties.checkpointPollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, 0, every, TimeUnit.MILLISECONDS);
    }

    /** A checkpoint as the log's API publishes it: the signature covers the other three fields. */
    record Checkpoint(long treeSize, String rootHash, String timestamp, String signature) {
    }

    /** The latest checkpoint read, or null while the log has none. */
    Checkpoint latest() {
        return latest;
    }

    /** The latest checkpoint at once (when there is one), then each newer one as it is read. */
    Flux<Checkpoint> published() {
        return published.asFlux();
    }

    private void poll() {
        try {
            long count = storage.state().checkpoints();
            if (count <= latestNumber) {
                return;
            }
            Optional<LogStorage.StoredCheckpoint> newest = storage.checkpoint(count);
            if (newest.isEmpty()) {
                return;
            }
            Checkpoint read = new Checkpoint(newest.get().treeSize(), newest.get().rootHash(), newest.get().timestamp(),
                    newest.get().signature());
            latestNumber = count;
            latest = read;
            published.tryEmitNext(read);
        } catch (RuntimeException e) {
            if (!poller.isShutdown()) {
                log.warn("Could not read the log's checkpoints for the feeds; trying again", e);
            }
        }
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }
}
