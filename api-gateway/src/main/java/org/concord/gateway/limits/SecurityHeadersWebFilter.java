package org.concord.gateway.limits;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security headers on every answer of the gateway: no MIME sniffing, no framing, no referrer; and for
 * the API, a content security policy that lets nothing run, so that a participant's text that reached
 * a browser as a response could never act as a page. (Swagger-ui keeps its own pages' needs, and the
 * web workspace's pages keep the policy web-ui gives them, as they keep its cookies.)
 */
@Component
class SecurityHeadersWebFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            if (exchange.getRequest().getPath().value().startsWith("/api/")) {
                headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
                if (!headers.containsHeader(HttpHeaders.CACHE_CONTROL)) {
                    headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
                }
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
