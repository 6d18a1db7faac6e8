package org.concord.query.feed;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The verifiable log's latest signed checkpoint, as the feeds publish it: one poller per query-side process
 * looks for a new one (written by the log's builder) and keeps the latest in memory, so that any number of
 * subscribers and Atom readers cost no extra reads. Each look is a lookup by a unique key, as every read of the
 * log is (event-store's {@code LogStorage}: the embedded server serves no range scan from an index): the count of
 * checkpoints in {@code log_state}, then, when it grew, the checkpoint of that {@code number} in
 * {@code log_checkpoints}.
 */
@Component
class FeedCheckpoints implements DisposableBean {

    static final String CHECKPOINTS = "log_checkpoints";
    static final String STATE = "log_state";
    static final String BUILDER = "builder";

    private static final Logger log = LoggerFactory.getLogger(FeedCheckpoints.class);

    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> state;
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

    FeedCheckpoints(MongoDatabase concordDatabase, FeedProperties properties) {
        this.checkpoints = concordDatabase.getCollection(CHECKPOINTS);
        this.state = concordDatabase.getCollection(STATE);
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
            Document builder = state.find(Filters.eq("_id", BUILDER)).projection(Projections.include("checkpoints")).first();
            long count = builder == null || builder.get("checkpoints") == null ? 0 : ((Number) builder.get("checkpoints")).longValue();
            if (count <= latestNumber) {
                return;
            }
            Document newest = checkpoints.find(Filters.eq("number", count)).first();
            if (newest == null) {
                return;
            }
            Checkpoint read = new Checkpoint(((Number) newest.get("_id")).longValue(), newest.getString("rootHash"),
                    newest.getString("timestamp"), newest.getString("signature"));
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
