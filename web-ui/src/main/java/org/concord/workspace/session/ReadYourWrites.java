package org.concord.workspace.session;

import org.springframework.http.ResponseCookie;
import org.springframework.http.HttpCookie;
import org.springframework.web.server.ServerWebExchange;

/**
 * The position of the last write this browser made through the workspace, in the cookie
 * {@code concord_position} (HttpOnly, SameSite=Strict, for the browser's session). The pages' reads send it as
 * {@code X-Concord-Min-Position}, so that the page a form leads to shows what the form did although the read
 * models follow the events a moment later. It is no secret: a wrong value only makes a read wait up to the
 * API's limit (5 s) or not at all.
 */
public final class ReadYourWrites {

    static final String COOKIE = "concord_position";

    private ReadYourWrites() {
    }

    /** The position this browser last wrote, or null. */
    public static Long lastWritten(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        if (cookie == null || cookie.getValue().isEmpty() || cookie.getValue().length() > 18
                || !cookie.getValue().chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.valueOf(cookie.getValue());
    }

    /** Remembers that this browser's write was stored at {@code position} (the highest it wrote is kept). */
    public static void written(ServerWebExchange exchange, long position) {
        Long before = lastWritten(exchange);
        long highest = before == null ? position : Math.max(before, position);
        exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, Long.toString(highest))
                .path("/").httpOnly(true).sameSite("Strict").build());
    }
}
