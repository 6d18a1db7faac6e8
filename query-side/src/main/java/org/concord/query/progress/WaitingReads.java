package org.concord.query.progress;

import org.concord.eventstore.SafeEventLog;
import org.concord.web.problem.ProblemException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reads waiting for the read models to reach a position ({@code ?minPosition=}). A waiting read costs
 * no query of its own ({@link ProjectionProgress} polls once for all), but it holds a request: each client
 * may have at most {@code maxWaitsPerClient} waiting at once, and a position no event has reached yet is
 * answered at once rather than after the whole wait, as no write could have told a client of it.
 */
@Component
public class WaitingReads {

    /**
     * What a refused read is told to wait ({@code Retry-After}): the reads it already has waiting are answered as
     * soon as the read models catch up, within a second unless they lag. Without it a client that retries on a
     * short timer turns a lagging read side into a storm of refusals (the deadline-day benchmark did, issue #17).
     */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final ProjectionProgress progress;
    private final SafeEventLog eventStore;
    private final StoredEventsHead seen;
    private final int maxWaitsPerClient;
    private final Map<String, Integer> waiting = new ConcurrentHashMap<>();
    /** The highest position known to hold an event, so that most reads beyond {@link #seen} ask the store nothing. */
    private final AtomicLong knownHead = new AtomicLong();

    public WaitingReads(ProjectionProgress progress, SafeEventLog eventStore, StoredEventsHead seen, ReadYourWritesProperties properties) {
        this.progress = progress;
        this.eventStore = eventStore;
        this.seen = seen;
        this.maxWaitsPerClient = properties.maxWaitsPerClient();
    }

    /** How a wait ended. */
    public enum Outcome {
        /** Every read model has processed the position. */
        CAUGHT_UP,
        /** The longest wait passed first. */
        RAN_OUT,
        /** No event is stored at the position or after it: answered at once. */
        BEYOND_HEAD
    }

    /**
     * Waits until every read model has processed {@code position}, at most the configured wait; answers at once
     * if the event store holds no event at {@code position} or after it. Refused with 429 while {@code client}
     * has {@code maxWaitsPerClient} reads waiting already.
     */
    public Mono<Outcome> await(String client, long position) {
        return Mono.defer(() -> {
            if (!enter(client)) {
                return Mono.error(ProblemException.tooManyRequests("too-many-waits",
                        "At most " + maxWaitsPerClient + " reads with minPosition may wait at once; wait for one to be answered.",
                        RETRY_AFTER));
            }
            return stored(position)
                    .flatMap(stored -> stored
                            ? progress.awaitProcessed(position).map(caughtUp -> caughtUp ? Outcome.CAUGHT_UP : Outcome.RAN_OUT)
                            : Mono.just(Outcome.BEYOND_HEAD))
                    .doFinally(signal -> leave(client));
        });
    }

    /** Whether some event is stored at {@code position} or after it: from memory, else one look at the store. */
    private Mono<Boolean> stored(long position) {
        if (position <= seen.head() || position <= knownHead.get()) {
            return Mono.just(true);
        }
        return Mono.fromCallable(() -> knownHead.accumulateAndGet(eventStore.headPosition(), Math::max) >= position)
                .subscribeOn(Schedulers.boundedElastic())
                // the store did not answer: the read waits, as it did before it could be answered at once
                .onErrorReturn(true);
    }

    private boolean enter(String client) {
        boolean[] admitted = {false};
        waiting.compute(client, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= maxWaitsPerClient) {
                return count;
            }
            admitted[0] = true;
            return now + 1;
        });
        return admitted[0];
    }

    private void leave(String client) {
        waiting.computeIfPresent(client, (key, count) -> count == 1 ? null : count - 1);
    }
}
