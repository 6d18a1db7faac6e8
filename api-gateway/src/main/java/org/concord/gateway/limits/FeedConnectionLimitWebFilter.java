package org.concord.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.concord.web.problem.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps the change feeds (server-sent events) one client holds open at once: a feed is a connection
 * kept for hours, so a client could otherwise hold the gateway's and the query side's resources
 * without limit. The feed over the cap is answered 429, counted as {@code concord.ratelimit.refusals}
 * with {@code limit=feeds}; closing a feed frees its place. A request counts as a feed by the route the
 * query side would serve it, whatever the spelling of its path ({@link #isFeed}); the query side caps each
 * caller's feeds too.
 */
@Component
class FeedConnectionLimitWebFilter implements WebFilter, Ordered {

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
        HttpMethod method = exchange.getRequest().getMethod();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || !isFeed(exchange.getRequest().getPath())) {
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

    /**
     * Whether the path names a feed, {@code /api/feed} or {@code /api/consultations/{id}/feed}, as a router could
     * read it: each segment percent-decoded and without its matrix parameters ({@code ;x=1}), as Spring's routing
     * reads them; empty segments dropped (the gateway forwards {@code //} as {@code /}), with a trailing slash,
     * {@code .} and {@code ..} resolved, and in any case. The query side serves fewer of these spellings than
     * that; one it does not serve is counted only until its 404 is sent.
     */
    static boolean isFeed(RequestPath path) {
        Deque<String> segments = new ArrayDeque<>();
        for (PathContainer.Element element : path.pathWithinApplication().elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                for (String part : segment.valueToMatch().split("/", -1)) {
                    if (part.equals("..")) {
                        segments.pollLast();
                    } else if (!part.isEmpty() && !part.equals(".")) {
                        segments.addLast(part.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        List<String> route = List.copyOf(segments);
        return route.equals(List.of("api", "feed"))
                || (route.size() == 4 && route.get(0).equals("api") && route.get(1).equals("consultations") && route.get(3).equals("feed"));
    }

    private void release(String key) {
        open.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
