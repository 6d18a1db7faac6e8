package org.concord.gateway.auth;

import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.concord.web.problem.ProblemException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer} tokens and tells the services who is calling through
 * the signed caller header. Whatever caller header a client sends is dropped first. A request
 * without a token goes on anonymously; the services decide what an anonymous caller may do.
 */
@Component
class BearerAuthenticationFilter implements GlobalFilter, Ordered {

    static final CallerIdentity ADMINISTRATOR = new CallerIdentity("admin", "Concord administration", null,
            Set.of("ADMIN", "DRAFTER", "PARTICIPANT", "OBSERVER"));
    private static final String BEARER = "Bearer ";

    private final AdminToken adminToken;
    private final CallerIdentityCodec codec;

    BearerAuthenticationFilter(AdminToken adminToken, CallerIdentityCodec codec) {
        this.adminToken = adminToken;
        this.codec = codec;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return chain.filter(withCaller(exchange, null));
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.error(ProblemException.unauthenticated("Use Authorization: Bearer <token>."));
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty() || !adminToken.matches(token)) {
            return Mono.error(ProblemException.unauthenticated("The token is not valid, or has been revoked."));
        }
        return chain.filter(withCaller(exchange, ADMINISTRATOR));
    }

    private ServerWebExchange withCaller(ServerWebExchange exchange, CallerIdentity caller) {
        return exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(CallerIdentityCodec.HEADER);
            headers.remove(HttpHeaders.AUTHORIZATION);
            if (caller != null) {
                headers.set(CallerIdentityCodec.HEADER, codec.encode(caller));
            }
        })).build();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
