package org.concord.query.progress;

import jakarta.annotation.PreDestroy;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.concord.eventstore.StoredTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How far the projections have got, read from the token store ({@link StoredTokens}): the stored order, not
 * one instance's memory, so it holds when several query-side instances share the segments. A position is processed
 * when every segment of every projection has handled it.
 */
@Component
public class ProjectionProgress {

    private static final Logger log = LoggerFactory.getLogger(ProjectionProgress.class);

    private final StoredTokens storedTokens;
    private final ReadYourWritesProperties properties;
    private final List<Waiter> waiters = new ArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "projection-progress");
        thread.setDaemon(true);
        return thread;
    });
    /** The poll under way while some read waits, else null; guarded by {@link #waiters}. */
    private ScheduledFuture<?> polling;

    public ProjectionProgress(StoredTokens storedTokens, ReadYourWritesProperties properties) {
        this.storedTokens = storedTokens;
        this.properties = properties;
    }

    /**
     * True once every projection has processed {@code position}, false if that did not happen within the wait.
     * However many reads wait, one poller reads the token store, every poll interval and only while some read
     * waits: a waiting read costs no query of its own.
     */
    public Mono<Boolean> awaitProcessed(long position) {
        return Mono.defer(() -> {
            Waiter waiter = new Waiter(position, System.nanoTime() + properties.maxWait().toNanos());
            synchronized (waiters) {
                waiters.add(waiter);
                if (polling == null) {
                    polling = poller.scheduleWithFixedDelay(this::answerWaiters, 0, properties.pollInterval().toMillis(),
                            TimeUnit.MILLISECONDS);
                }
            }
            // the read goes on off the poller's thread, which only polls; a read given up is forgotten at once
            return waiter.answer.asMono().publishOn(Schedulers.parallel()).doOnCancel(() -> forget(List.of(waiter)));
        });
    }

    private void forget(List<Waiter> answered) {
        synchronized (waiters) {
            waiters.removeAll(answered);
            if (waiters.isEmpty() && polling != null) {
                polling.cancel(false);
                polling = null;
            }
        }
    }

    /** A read waiting for a position; compared by identity, two reads may wait for the same position. */
    private static final class Waiter {
        private final long position;
        private final long deadline;
        private final Sinks.One<Boolean> answer = Sinks.one();

        private Waiter(long position, long deadline) {
            this.position = position;
            this.deadline = deadline;
        }
    }

    /** One poll: the tokens read once, then every waiting read answered that is covered or out of time. */
    private void answerWaiters() {
        List<Waiter> waiting;
        synchronized (waiters) {
            waiting = List.copyOf(waiters);
        }
        Map<String, List<TrackingToken>> tokens = null;
        try {
            tokens = tokens();
        } catch (RuntimeException unreadable) {
            // the token store did not answer this time: the waiting reads wait for the next poll or their deadline
            log.warn("Could not read the projections' progress: {}", unreadable.toString());
        }
        long now = System.nanoTime();
        List<Waiter> answered = new ArrayList<>();
        for (Waiter waiter : waiting) {
            if (tokens != null && covers(tokens, waiter.position)) {
                waiter.answer.tryEmitValue(true);
                answered.add(waiter);
            } else if (now - waiter.deadline >= 0) {
                waiter.answer.tryEmitValue(false);
                answered.add(waiter);
            }
        }
        forget(answered);
    }

    @PreDestroy
    void stopPolling() {
        poller.shutdownNow();
    }

    /** Whether every segment of every projection has handled the event at {@code position}. */
    public boolean hasProcessed(long position) {
        return covers(tokens(), position);
    }

    /** Every projection's tokens, in one query. */
    private Map<String, List<TrackingToken>> tokens() {
        return storedTokens.tokensOf(properties.processors());
    }

    private static boolean covers(Map<String, List<TrackingToken>> tokens, long position) {
        for (List<TrackingToken> segments : tokens.values()) {
            if (segments.isEmpty()) {
                return false;
            }
            for (TrackingToken token : segments) {
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
        for (Map.Entry<String, List<TrackingToken>> processor : tokens().entrySet()) {
            List<TrackingToken> tokens = processor.getValue();
            long lowest = tokens.isEmpty() ? 0 : Long.MAX_VALUE;
            for (TrackingToken token : tokens) {
                lowest = Math.min(lowest, token == null ? 0 : token.position().orElse(0));
            }
            positions.put(processor.getKey(), lowest);
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
}
