package org.concord.query.progress.web;

import org.concord.query.progress.WaitingReads;
import org.concord.query.readmodel.ReadModels;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;

/**
 * Read-your-writes for every read: {@code ?minPosition=N} or {@code X-Concord-Min-Position: N} holds
 * the read until the read models have processed position N, up to the configured wait. The answer
 * says whether they had: {@code X-Concord-Caught-Up: true|false}; a position past the last stored event is
 * answered at once, with {@code X-Concord-Beyond-Head: true} as well. While the read models are being
 * rebuilt, reads answer at once from the state before the rebuild, saying so with
 * {@code X-Concord-Rebuilding: true}. A client (a participant, or an address for anonymous reads) may have
 * only so many reads waiting at once ({@link WaitingReads}).
 */
@Component
class MinPositionWebFilter implements WebFilter, Ordered {

    static final String HEADER = "X-Concord-Min-Position";
    static final String CAUGHT_UP = "X-Concord-Caught-Up";
    static final String REBUILDING = "X-Concord-Rebuilding";
    static final String BEYOND_HEAD = "X-Concord-Beyond-Head";

    private static final String CALLER_ATTRIBUTE = CallerIdentity.class.getName();

    private final WaitingReads waitingReads;
    private final ReadModels readModels;

    MinPositionWebFilter(WaitingReads waitingReads, ReadModels readModels) {
        this.waitingReads = waitingReads;
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
        return waitingReads.await(client(exchange), position).flatMap(outcome -> {
            exchange.getResponse().getHeaders().set(CAUGHT_UP, Boolean.toString(outcome == WaitingReads.Outcome.CAUGHT_UP));
            if (outcome == WaitingReads.Outcome.BEYOND_HEAD) {
                exchange.getResponse().getHeaders().set(BEYOND_HEAD, "true");
            }
            return chain.filter(exchange);
        });
    }

    /** The participant calling, or for an anonymous read the address it comes from (the gateway's, behind it). */
    private static String client(ServerWebExchange exchange) {
        CallerIdentity caller = exchange.getAttributeOrDefault(CALLER_ATTRIBUTE, CallerIdentity.ANONYMOUS);
        if (!caller.isAnonymous()) {
            return "participant:" + caller.participantId();
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return "address:" + (remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress());
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
