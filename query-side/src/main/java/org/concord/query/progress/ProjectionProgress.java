package org.concord.query.progress;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far the projections have got, read from the token store: the stored order, not one instance's
 * memory, so it holds when several query-side instances share the segments. A position is processed
 * when every segment of every projection has handled it.
 */
@Component
public class ProjectionProgress {

    private final MongoTemplate axonMongoTemplate;
    private final Serializer serializer;
    private final ReadYourWritesProperties properties;

    public ProjectionProgress(MongoTemplate axonMongoTemplate, @Qualifier("serializer") Serializer serializer,
                              ReadYourWritesProperties properties) {
        this.axonMongoTemplate = axonMongoTemplate;
        this.serializer = serializer;
        this.properties = properties;
    }

    /** True once every projection has processed {@code position}, false if that did not happen within the wait. */
    public Mono<Boolean> awaitProcessed(long position) {
        // The wait ends between two checks, never by cancelling one: a cancelled check interrupts its thread
        // inside the MongoDB driver, which then reports the interruption as an error.
        long deadline = System.nanoTime() + properties.maxWait().toNanos();
        return Flux.interval(Duration.ZERO, properties.pollInterval())
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromCallable(() -> hasProcessed(position)).subscribeOn(Schedulers.boundedElastic()), 1)
                .filter(processed -> processed || System.nanoTime() - deadline >= 0)
                .next();
    }

    /** Whether every segment of every projection has handled the event at {@code position}. */
    public boolean hasProcessed(long position) {
        for (String processor : properties.processors()) {
            List<TrackingToken> tokens = tokensOf(processor);
            if (tokens.isEmpty()) {
                return false;
            }
            for (TrackingToken token : tokens) {
                if (!covers(token, position)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The position every segment of every projection has handled; 0 while any has no token yet. */
    public long lowestPosition() {
        return positions().values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /**
     * Per projection (processing group), the position every one of its segments has handled, whichever
     * process holds them: its lowest segment token; 0 while it has no token yet.
     */
    public Map<String, Long> positions() {
        Map<String, Long> positions = new LinkedHashMap<>();
        for (String processor : properties.processors()) {
            List<TrackingToken> tokens = tokensOf(processor);
            long lowest = tokens.isEmpty() ? 0 : Long.MAX_VALUE;
            for (TrackingToken token : tokens) {
                lowest = Math.min(lowest, token == null ? 0 : token.position().orElse(0));
            }
            positions.put(processor, lowest);
        }
        return positions;
    }

    private static boolean covers(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return token.position().orElse(-1L) >= position;
    }

    private List<TrackingToken> tokensOf(String processor) {
        List<TrackingToken> tokens = new ArrayList<>();
        for (Document entry : axonMongoTemplate.trackingTokensCollection().find(new Document("processorName", processor))) {
            Integer segment = entry.getInteger("segment");
            if (segment == null || segment < 0) {
                continue;
            }
            Binary token = entry.get("token", Binary.class);
            if (token == null) {
                tokens.add(null);
                continue;
            }
            GenericTokenEntry<byte[]> stored = new GenericTokenEntry<>(token.getData(), entry.getString("tokenType"),
                    Instant.now().toString(), entry.getString("owner"), processor, segment, byte[].class);
            tokens.add(stored.getToken(serializer));
        }
        return tokens;
    }
}
