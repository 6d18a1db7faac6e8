package org.concord.workspace.form;

import org.concord.workspace.WorkspaceProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * CSRF protection of every form, with Spring Security's {@link CsrfWebFilter}: a POST must carry the
 * {@code _csrf} field that matches the token of the browser's {@code concord_csrf} cookie (HttpOnly,
 * SameSite=Strict), besides coming from this site ({@code Sec-Fetch-Site}, checked before). Thymeleaf
 * adds the field to every {@code th:action} form ({@link CsrfRequestDataValueProcessor}); for that the token
 * is loaded before every page is rendered. A POST without the right token is refused: nothing is done, and the
 * browser is sent (303) to a page saying that the form has expired ({@link FormExpiredController}, 403).
 */
@Component
class FormProtection implements WebFilter, Ordered {

    static final String COOKIE = "concord_csrf";

    private final CsrfWebFilter csrf = new CsrfWebFilter();

    FormProtection(WorkspaceProperties properties) {
        CookieServerCsrfTokenRepository tokens = new CookieServerCsrfTokenRepository();
        tokens.setCookieName(COOKIE);
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict").secure(properties.sessions().secureCookie()));
        csrf.setCsrfTokenRepository(tokens);
        csrf.setAccessDeniedHandler((exchange, denied) -> {
            exchange.getResponse().setStatusCode(HttpStatus.SEE_OTHER);
            exchange.getResponse().getHeaders().setLocation(URI.create(FormExpiredController.PATH));
            return exchange.getResponse().setComplete();
        });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (unprotected(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        return csrf.filter(exchange, protectedExchange -> {
            Mono<CsrfToken> token = protectedExchange.getAttribute(CsrfToken.class.getName());
            return token == null ? chain.filter(protectedExchange)
                    : token.doOnNext(loaded -> protectedExchange.getAttributes()
                            .put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, loaded))
                    .then(chain.filter(protectedExchange));
        });
    }

    /** The workspace's static files and its management endpoints carry no form. */
    private static boolean unprotected(String path) {
        return path.startsWith("/webjars/") || path.startsWith("/css/") || path.startsWith("/js/")
                || path.startsWith("/actuator/") || path.equals("/favicon.svg");
    }
}
