package org.concord.query.feed;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
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
 * reads the newest document of {@code log_checkpoints} (which the log's builder writes) and keeps it in
 * memory, so that any number of subscribers and Atom readers cost no extra reads.
 */
@Component
class FeedCheckpoints implements DisposableBean {

    static final String COLLECTION = "log_checkpoints";

    private static final Logger log = LoggerFactory.getLogger(FeedCheckpoints.class);

    private final MongoCollection<Document> checkpoints;
    /** Replays the latest checkpoint to each new subscriber, then each newer one. */
    private final Sinks.Many<Checkpoint> published = Sinks.many().replay().latest();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "feed-checkpoints");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Checkpoint latest;

    FeedCheckpoints(MongoDatabase concordDatabase, FeedProperties properties) {
        this.checkpoints = concordDatabase.getCollection(COLLECTION);
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
            Document newest = checkpoints.find().sort(Sorts.descending("_id")).limit(1).first();
            if (newest == null) {
                return;
            }
            Checkpoint read = new Checkpoint(((Number) newest.get("_id")).longValue(), newest.getString("rootHash"),
                    newest.getString("timestamp"), newest.getString("signature"));
            Checkpoint known = latest;
            if (known == null || read.treeSize() > known.treeSize()) {
                latest = read;
                published.tryEmitNext(read);
            }
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
