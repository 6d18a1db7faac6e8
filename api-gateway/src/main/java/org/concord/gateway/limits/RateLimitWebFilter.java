package org.concord.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.concord.gateway.auth.KnownTokens;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.concord.web.problem.ProblemException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per client: a request takes a token, tokens come back at the client's rate up to its burst,
 * and a request that finds none is answered 429 with {@code Retry-After} before it reaches any service. A
 * request whose token the gateway knows without a lookup ({@link KnownTokens}) counts against its participant;
 * any other against its address ({@link ClientKey}), before its token is checked: a token the gateway does not
 * know costs a lookup on the command side, so made-up tokens cost an address no more lookups than its own limit.
 * The buckets are kept in a cache bounded in size ({@code clients-kept}) that forgets a client once it has been
 * quiet long enough for its bucket to be full again. Refusals are counted as {@code concord.ratelimit.refusals},
 * tag {@code limit} = {@code token} (a participant's) or {@code anonymous} (an address's).
 */
@Component
class RateLimitWebFilter implements WebFilter, Ordered {

    private final ClientKey clientKey;
    private final KnownTokens knownTokens;
    private final ProblemDetailsExceptionHandler problems;
    private final Limit participants;
    private final Limit addresses;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /** How fast one kind of client's bucket refills, and how refusals of that kind are counted. */
    private record Limit(double perSecond, int burst, Bandwidth bandwidth, Counter refusals, String who) {

        Limit(double perSecond, int burst, Counter refusals, String who) {
            this(perSecond, burst, Bandwidth.builder().capacity(burst).refillGreedy(burst, refillTime(perSecond, burst))
                    .build(), refusals, who);
        }

        private static Duration refillTime(double perSecond, int burst) {
            return Duration.ofNanos(Math.max(1, Math.round(burst / perSecond * TimeUnit.SECONDS.toNanos(1))));
        }
    }

    @Autowired
    RateLimitWebFilter(ClientLimitProperties limits, ClientKey clientKey, KnownTokens knownTokens,
                       ProblemDetailsExceptionHandler problems, MeterRegistry meterRegistry) {
        this(limits, clientKey, knownTokens, problems, Clock.systemUTC(), meterRegistry);
    }

    RateLimitWebFilter(ClientLimitProperties limits, ClientKey clientKey, KnownTokens knownTokens,
                       ProblemDetailsExceptionHandler problems, Clock clock, MeterRegistry meterRegistry) {
        this.clientKey = clientKey;
        this.knownTokens = knownTokens;
        this.problems = problems;
        this.participants = new Limit(limits.perTokenPerSecond(), limits.perTokenBurst(),
                LimitRefusals.counter("token", meterRegistry), "participant");
        this.addresses = new Limit(limits.anonymousPerSecond(), limits.anonymousBurst(),
                LimitRefusals.counter("anonymous", meterRegistry), "address without a valid token");
        // a bucket left alone that long is full again: forgetting it then changes nothing
        Duration participantFull = Limit.refillTime(participants.perSecond(), participants.burst());
        Duration addressFull = Limit.refillTime(addresses.perSecond(), addresses.burst());
        Duration fullAgainAfter = participantFull.compareTo(addressFull) > 0 ? participantFull : addressFull;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return TimeUnit.MILLISECONDS.toNanos(clock.millis());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .maximumSize(limits.clientsKept())
                .expireAfterAccess(fullAgainAfter)
                .ticker(time::currentTimeNanos)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<CallerIdentity> participant = clientKey.bearerToken(exchange.getRequest()).flatMap(knownTokens::withoutLookup);
        Limit limit = participant.isPresent() ? participants : addresses;
        String key = participant.map(caller -> "participant:" + caller.participantId())
                .orElseGet(() -> clientKey.address(exchange.getRequest()));
        ConsumptionProbe probe = buckets.get(key, k -> newBucket(limit)).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return chain.filter(exchange);
        }
        limit.refusals().increment();
        long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return problems.write(exchange, new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many requests from this " + limit.who() + ": at most " + limit.perSecond() + " a second (bursts of "
                        + limit.burst() + "). Try again in " + retryAfter + " s."));
    }

    private Bucket newBucket(Limit limit) {
        return Bucket.builder().addLimit(limit.bandwidth()).withCustomTimePrecision(time).build();
    }

    /** How many clients' buckets are kept now. */
    long clientsKept() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
