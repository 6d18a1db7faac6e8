package org.concord.gateway.auth;

import org.concord.gateway.routing.PublicPaths;
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

/**
 * Authenticates {@code Authorization: Bearer} tokens and notes who is calling, for {@link CallerHeaderSigningFilter}
 * to tell the service through the signed caller header. Whatever caller header a client sends is dropped first. A request
 * without a token goes on anonymously; the services decide what an anonymous caller may do. The web
 * workspace's pages are not the API: web-ui keeps its own sessions and calls the API with the person's
 * token, so a request for a page is passed on as it came, less any caller header.
 */
@Component
class BearerAuthenticationFilter implements GlobalFilter, Ordered {

    private static final String BEARER = "Bearer ";

    private final TokenAuthenticator authenticator;

    BearerAuthenticationFilter(TokenAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (PublicPaths.isWorkspace(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange.mutate().request(request -> request.headers(headers ->
                    headers.remove(CallerIdentityCodec.HEADER))).build());
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return chain.filter(withCaller(exchange, null));
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.error(ProblemException.unauthenticated("Use Authorization: Bearer <token>."));
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            return Mono.error(ProblemException.unauthenticated("The bearer token is empty."));
        }
        return authenticator.authenticate(token)
                .switchIfEmpty(Mono.error(() -> ProblemException.unauthenticated("The token is not valid, or has been revoked.")))
                .flatMap(caller -> chain.filter(withCaller(exchange, caller)));
    }

    private static ServerWebExchange withCaller(ServerWebExchange exchange, CallerIdentity caller) {
        ServerWebExchange forwarded = exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove(CallerIdentityCodec.HEADER);
            headers.remove(HttpHeaders.AUTHORIZATION);
        })).build();
        if (caller != null) {
            forwarded.getAttributes().put(CallerHeaderSigningFilter.CALLER, caller);
        }
        return forwarded;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
