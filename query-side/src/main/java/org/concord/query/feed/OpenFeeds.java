package org.concord.query.feed;

import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the change feeds one participant holds open at once on this query side ({@code concord.feed.max-open-per-caller}),
 * whatever path its requests took: the gateway caps them too, by the route it recognises, and this cap holds for
 * a request that reached the feed by any other. Anonymous feeds are the gateway's to cap, by address: here every
 * anonymous caller is the same. A participant only appears here while it holds a feed open.
 */
@Component
class OpenFeeds {

    private final FeedProperties properties;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    OpenFeeds(FeedProperties properties) {
        this.properties = properties;
    }

    /** The feed, held open in the caller's name until it ends or its client goes; refused 429 past the cap. */
    <T> Flux<T> held(CallerIdentity caller, Flux<T> feed) {
        if (caller.isAnonymous()) {
            return feed;
        }
        String participant = caller.participantId();
        return Flux.defer(() -> {
            if (open.merge(participant, 1, Integer::sum) > properties.maxOpenPerCaller()) {
                release(participant);
                return Flux.error(new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-feeds",
                        "This participant already holds " + properties.maxOpenPerCaller() + " feeds open; close one first."));
            }
            return feed.doFinally(signal -> release(participant));
        });
    }

    private void release(String participant) {
        open.computeIfPresent(participant, (k, count) -> count <= 1 ? null : count - 1);
    }
}
