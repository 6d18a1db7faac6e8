package org.concord.web.observability;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.concurrent.TimeUnit;

/**
 * One line per answered request, {@code GET /api/consultations 200 12 ms}, written when the answer's
 * status is sent, with the request's trace in the log's context (its trace id in every format): the line
 * that ties a request to its trace in each service it crosses. The query string is left out, since it
 * may name what a caller looks for; so are the headers, what follows the first segment of an internal
 * path (a credential lookup names a token's hash), and the health checks and scrapes of
 * {@code /actuator}. Silenced with
 * {@code LOGGING_LEVEL_ORG_CONCORD_ACCESS=WARN}.
 */
public final class AccessLog implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("org.concord.access");
    private static final ContextSnapshotFactory SNAPSHOTS = ContextSnapshotFactory.builder().build();
    private static final String INTERNAL = "/internal/";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (log.isInfoEnabled() && !exchange.getRequest().getPath().value().startsWith("/actuator/")) {
            long start = System.nanoTime();
            exchange.getResponse().beforeCommit(() -> Mono.deferContextual(context -> {
                try (ContextSnapshot.Scope ignored = SNAPSHOTS.setThreadLocalsFrom(context)) {
                    ServerHttpRequest request = exchange.getRequest();
                    HttpStatusCode status = exchange.getResponse().getStatusCode();
                    log.info("{} {} {} {} ms", request.getMethod(), shown(request.getPath().value()),
                            status == null ? 200 : status.value(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                }
                return Mono.empty();
            }));
        }
        return chain.filter(exchange);
    }

    /** The path, but of an internal one only its first two segments: a credential lookup names a token's hash. */
    static String shown(String path) {
        if (!path.startsWith(INTERNAL)) {
            return path;
        }
        int end = path.indexOf('/', INTERNAL.length());
        return end < 0 ? path : path.substring(0, end) + "/…";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
