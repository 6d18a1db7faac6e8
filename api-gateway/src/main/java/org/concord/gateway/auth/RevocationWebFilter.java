package org.concord.gateway.auth;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.regex.Pattern;

/**
 * A revocation passed on by this gateway makes it forget every credential it kept, once the command side has
 * answered and before the answer is sent: the revoked token is refused from the next request on, as before credentials were kept. Other
 * gateway instances learn of it within a second ({@link CredentialCache}).
 */
@Component
class RevocationWebFilter implements WebFilter {

    private static final Pattern REVOKE = Pattern.compile("/api/participants/[^/]+/revoke/?");

    private final CredentialCache cache;

    RevocationWebFilter(CredentialCache cache) {
        this.cache = cache;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getMethod() != HttpMethod.POST || !REVOKE.matcher(exchange.getRequest().getPath().value()).matches()) {
            return chain.filter(exchange);
        }
        // before the answer leaves, so that the client's next request finds nothing kept
        exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(cache::forgetAll));
        return chain.filter(exchange);
    }
}
