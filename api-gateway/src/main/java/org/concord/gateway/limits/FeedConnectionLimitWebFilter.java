package org.concord.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.concord.web.problem.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Caps the change feeds (server-sent events) one client holds open at once: a feed is a connection
 * kept for hours, so a client could otherwise hold the gateway's and the query side's resources
 * without limit. The feed over the cap is answered 429, counted as {@code concord.ratelimit.refusals}
 * with {@code limit=feeds}; closing a feed frees its place.
 */
@Component
class FeedConnectionLimitWebFilter implements WebFilter, Ordered {

    private static final Pattern FEED = Pattern.compile("^/api/(feed|consultations/[^/]+/feed)$");

    private final ClientLimitProperties limits;
    private final ClientKey clientKey;
    private final ProblemDetailsExceptionHandler problems;
    private final Counter refusals;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    FeedConnectionLimitWebFilter(ClientLimitProperties limits, ClientKey clientKey, ProblemDetailsExceptionHandler problems,
                                 MeterRegistry meterRegistry) {
        this.limits = limits;
        this.clientKey = clientKey;
        this.problems = problems;
        this.refusals = LimitRefusals.counter("feeds", meterRegistry);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.GET || !FEED.matcher(exchange.getRequest().getPath().value()).matches()) {
            return chain.filter(exchange);
        }
        String key = clientKey.of(exchange.getRequest());
        if (open.merge(key, 1, Integer::sum) > limits.feedsPerClient()) {
            release(key);
            refusals.increment();
            return problems.write(exchange, new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "too-many-feeds",
                    "This client already holds " + limits.feedsPerClient() + " feeds open; close one first."));
        }
        return chain.filter(exchange).doFinally(signal -> release(key));
    }

    private void release(String key) {
        open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
