package org.concord.workspace.session;

import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.WebSessionIdResolver;

import java.util.ArrayList;
import java.util.List;

/**
 * The session cookie, {@code concord_session}: the session's id, a dot, and the key that seals the
 * session's token ({@link TokenSeal}), which the server never stores. HttpOnly, SameSite=Strict, for the
 * whole site, ending with the browser session; Secure when the request came over HTTPS (as the gateway,
 * or a proxy before it, says in {@code X-Forwarded-Proto}) or when configured so.
 */
final class SessionCookie implements WebSessionIdResolver {

    static final String NAME = "concord_session";
    private static final String KEY = SessionCookie.class.getName() + ".key";

    private final boolean alwaysSecure;

    SessionCookie(boolean alwaysSecure) {
        this.alwaysSecure = alwaysSecure;
    }

    @Override
    public List<String> resolveSessionIds(ServerWebExchange exchange) {
        List<String> ids = new ArrayList<>();
        for (HttpCookie cookie : exchange.getRequest().getCookies().getOrDefault(NAME, List.of())) {
            int dot = cookie.getValue().indexOf('.');
            if (dot <= 0) {
                continue;
            }
            String key = cookie.getValue().substring(dot + 1);
            if (TokenSeal.isKey(key)) {
                ids.add(cookie.getValue().substring(0, dot));
                exchange.getAttributes().putIfAbsent(KEY, key);
            }
        }
        return ids;
    }

    @Override
    public void setSessionId(ServerWebExchange exchange, String id) {
        exchange.getResponse().getCookies().set(NAME, cookie(exchange, id + "." + key(exchange)).build());
    }

    @Override
    public void expireSession(ServerWebExchange exchange) {
        exchange.getResponse().getCookies().set(NAME, cookie(exchange, "").maxAge(0).build());
    }

    /** The key of this browser's session: the one its cookie carried, else a new one. */
    static String key(ServerWebExchange exchange) {
        return (String) exchange.getAttributes().computeIfAbsent(KEY, name -> TokenSeal.newKey());
    }

    /** The key the request's cookie carried, or null. */
    static String existingKey(ServerWebExchange exchange) {
        return exchange.getAttribute(KEY);
    }

    /** A key no cookie has held, for a session whose id has just changed (a sign-in). */
    static String newKey(ServerWebExchange exchange) {
        String key = TokenSeal.newKey();
        exchange.getAttributes().put(KEY, key);
        return key;
    }

    private ResponseCookie.ResponseCookieBuilder cookie(ServerWebExchange exchange, String value) {
        return ResponseCookie.from(NAME, value)
                .path("/")
                .httpOnly(true)
                .sameSite("Strict")
                .secure(alwaysSecure || overHttps(exchange));
    }

    private static boolean overHttps(ServerWebExchange exchange) {
        if ("https".equalsIgnoreCase(exchange.getRequest().getURI().getScheme())) {
            return true;
        }
        return exchange.getRequest().getHeaders().getValuesAsList("X-Forwarded-Proto").stream()
                .anyMatch(proto -> proto.trim().equalsIgnoreCase("https"));
    }
}
