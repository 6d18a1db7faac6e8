package org.concord.query.progress.web;

import org.concord.query.progress.ProjectionProgress;
import org.concord.query.readmodel.ReadModels;
import org.concord.web.problem.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes for every read: {@code ?minPosition=N} or {@code X-Concord-Min-Position: N} holds
 * the read until the read models have processed position N, up to the configured wait. The answer
 * says whether they had: {@code X-Concord-Caught-Up: true|false}. While the read models are being
 * rebuilt, reads answer at once from the state before the rebuild, saying so with
 * {@code X-Concord-Rebuilding: true}.
 */
@Component
class MinPositionWebFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Concord-Min-Position";
    static final String CAUGHT_UP = "X-Concord-Caught-Up";
    static final String REBUILDING = "X-Concord-Rebuilding";

    private final ProjectionProgress progress;
    private final ReadModels readModels;

    MinPositionWebFilter(ProjectionProgress progress, ReadModels readModels) {
        this.progress = progress;
        this.readModels = readModels;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        String wanted = request.getQueryParams().getFirst("minPosition");
        if (wanted == null) {
            wanted = request.getHeaders().getFirst(HEADER);
        }
        if (wanted == null || request.getMethod() != HttpMethod.GET) {
            return chain.filter(exchange);
        }
        long position;
        try {
            position = Long.parseLong(wanted.trim());
        } catch (NumberFormatException e) {
            return Mono.error(ProblemException.invalid("minPosition", "must be a whole number"));
        }
        if (position < 0) {
            return Mono.error(ProblemException.invalid("minPosition", "must not be negative"));
        }
        if (readModels.rebuilding()) {
            exchange.getResponse().getHeaders().set(REBUILDING, "true");
            exchange.getResponse().getHeaders().set(CAUGHT_UP, "false");
            return chain.filter(exchange);
        }
        return progress.awaitProcessed(position).flatMap(caughtUp -> {
            exchange.getResponse().getHeaders().set(CAUGHT_UP, caughtUp.toString());
            return chain.filter(exchange);
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
