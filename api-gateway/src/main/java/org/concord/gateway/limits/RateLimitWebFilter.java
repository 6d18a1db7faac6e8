package org.concord.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client (see {@link ClientKey}): a request takes a token, tokens come back at the
 * client's rate up to its burst, and a request that finds none is answered 429 with {@code Retry-After}
 * before it reaches any service, even before its token is checked. Buckets of clients that have been
 * quiet long enough to be full again are forgotten. Refusals are counted as
 * {@code concord.ratelimit.refusals}, tag {@code limit} = {@code token} or {@code anonymous}.
 */
@Component
class RateLimitWebFilter implements WebFilter, Ordered {

    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final ClientLimitProperties limits;
    private final ClientKey clientKey;
    private final ProblemDetailsExceptionHandler problems;
    private final Clock clock;
    private final Counter tokenRefusals;
    private final Counter anonymousRefusals;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long sweptAt;

    @Autowired
    RateLimitWebFilter(ClientLimitProperties limits, ClientKey clientKey, ProblemDetailsExceptionHandler problems,
                       MeterRegistry meterRegistry) {
        this(limits, clientKey, problems, Clock.systemUTC(), meterRegistry);
    }

    RateLimitWebFilter(ClientLimitProperties limits, ClientKey clientKey, ProblemDetailsExceptionHandler problems, Clock clock,
                       MeterRegistry meterRegistry) {
        this.limits = limits;
        this.clientKey = clientKey;
        this.problems = problems;
        this.clock = clock;
        this.tokenRefusals = LimitRefusals.counter("token", meterRegistry);
        this.anonymousRefusals = LimitRefusals.counter("anonymous", meterRegistry);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String key = clientKey.of(exchange.getRequest());
        boolean token = ClientKey.isToken(key);
        double perSecond = token ? limits.perTokenPerSecond() : limits.anonymousPerSecond();
        int burst = token ? limits.perTokenBurst() : limits.anonymousBurst();
        long now = clock.millis();
        sweep(now);
        double waitSeconds = buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now, perSecond, burst);
        if (waitSeconds <= 0) {
            return chain.filter(exchange);
        }
        (token ? tokenRefusals : anonymousRefusals).increment();
        long retryAfter = (long) Math.ceil(waitSeconds);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return problems.write(exchange, new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many requests from this " + (token ? "token" : "address without a token") + ": at most "
                        + perSecond + " a second (bursts of " + burst + "). Try again in " + retryAfter + " s."));
    }

    private void sweep(long now) {
        if (now - sweptAt < FORGET_AFTER.toMillis()) {
            return;
        }
        sweptAt = now;
        buckets.entrySet().removeIf(entry -> now - entry.getValue().lastTakenAt() > FORGET_AFTER.toMillis());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** Tokens left and when they were last counted. */
    private static final class Bucket {
        private double tokens;
        private long countedAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.countedAt = now;
        }

        /** Takes a token; answers 0 when there was one, else the seconds until there will be. */
        synchronized double take(long now, double perSecond, int burst) {
            tokens = Math.min(burst, tokens + (now - countedAt) / 1000.0 * perSecond);
            countedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (1 - tokens) / perSecond;
        }

        synchronized long lastTakenAt() {
            return countedAt;
        }
    }
}
