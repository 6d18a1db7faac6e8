package org.concord.workspace.layout;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * What every answer of the workspace carries: a strict Content-Security-Policy (scripts, styles and
 * connections from the workspace itself only; no inline script or style, no frame), no caching of pages
 * that may show what only the person signed in may see; and the language chosen with {@code ?lang=} kept.
 * A form sent from another site is refused: the browser says so in {@code Sec-Fetch-Site}, and the
 * session cookie is SameSite=Strict besides.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeaders implements WebFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "same-origin");
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/webjars/") && !path.startsWith("/css/") && !path.startsWith("/js/")) {
            headers.setCacheControl("no-store");
            headers.add(HttpHeaders.VARY, "Cookie");
        }
        if (crossSiteForm(exchange)) {
            exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
            return exchange.getResponse().setComplete();
        }
        Languages.remember(exchange);
        return chain.filter(exchange);
    }

    private static boolean crossSiteForm(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
            return false;
        }
        String site = exchange.getRequest().getHeaders().getFirst("Sec-Fetch-Site");
        return site != null && !site.equals("same-origin") && !site.equals("none");
    }
}
