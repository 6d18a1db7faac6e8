package org.concord.query.scaling;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.eventstore.StoredTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The query-side processes sharing one MongoDB, and the share of each projection's segments one of them
 * may claim. Every process stores a heartbeat in {@code queryInstances}; those heard from within
 * {@code timeout} are alive. A process claims at most its fair share of a processor's segments (the
 * segments divided by the live processes, rounded up), so a second process gets half of them: the first
 * releases its surplus as soon as it counts the second. When a process dies, the others count one fewer
 * after {@code timeout} and take its segments once their claims have expired (the token claim timeout).
 * The process is known by the same name as its claims in the token store ({@code pid@host}).
 */
@Component
public class QueryInstances implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(QueryInstances.class);
    private static final String COLLECTION = "queryInstances";

    private final MongoCollection<Heartbeat> registry;
    private final StoredTokens tokens;
    private final QueryInstancesProperties properties;
    private final Clock clock = Clock.systemUTC();
    private final String name = ManagementFactory.getRuntimeMXBean().getName();
    private final Map<String, Integer> segmentCounts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "query-instances");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int live = 1;

    public QueryInstances(MongoDatabase concordDatabase, StoredTokens tokens, QueryInstancesProperties properties) {
        this.registry = concordDatabase.getCollection(COLLECTION, Heartbeat.class);
        this.tokens = tokens;
        this.properties = properties;
        beat();
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** This process's name, as the owner of its claims in the token store. */
    public String name() {
        return name;
    }

    /** The query-side processes alive now, this one included. */
    public int live() {
        return live;
    }

    /**
     * How many of {@code processor}'s segments this process may claim: its fair share among the live
     * processes; no limit while the processor's segments are not known yet (it releases any surplus later).
     */
    public int fairShare(String processor) {
        Integer segments = segmentCounts.putIfAbsent(processor, 0);
        if (segments == null || segments == 0) {
            return Short.MAX_VALUE;
        }
        return (segments + live - 1) / live;
    }

    private void beat() {
        try {
            Instant now = clock.instant();
            registry.replaceOne(Filters.eq("_id", name), new Heartbeat(name, now),
                    new ReplaceOptions().upsert(true));
            int counted = (int) Math.max(1, registry.countDocuments(
                    Filters.gte(Heartbeat.SEEN_AT, now.minus(properties.timeout()))));
            if (counted != live) {
                log.info("{} query-side process(es) alive; each claims at most its share of every projection's segments", counted);
            }
            live = counted;
            segmentCounts.replaceAll((processor, known) -> tokens.segmentCount(processor));
        } catch (RuntimeException e) {
            if (!heartbeats.isShutdown()) {
                log.warn("Could not record this query-side process's heartbeat; trying again", e);
            }
        }
    }

    /** A process that stops cleanly leaves at once, so the others take its segments over without waiting. */
    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        try {
            // bounded: a MongoDB already gone (a test's embedded server, stopped first) would hold the shutdown
            // for the driver's whole server selection timeout; the heartbeat then simply expires
            registry.withTimeout(2, TimeUnit.SECONDS).deleteOne(Filters.eq("_id", name));
        } catch (RuntimeException e) {
            log.debug("Could not remove this query-side process from {}", COLLECTION, e);
        }
    }

    /** A process's last sign of life, one document per process (the record codec reads it by reflection). */
    public record Heartbeat(@BsonId String name, @BsonProperty(SEEN_AT) Instant seenAt) {

        static final String SEEN_AT = "seenAt";
    }
}
