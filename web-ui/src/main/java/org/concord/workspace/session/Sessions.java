package org.concord.workspace.session;

import org.concord.workspace.api.Caller;
import org.concord.workspace.api.SignedIn;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Signing in and out, and who is calling: the one way the workspace knows the person behind a request.
 * A session holds the person as {@code GET /api/me} described them and their token sealed with the key
 * of the browser's cookie ({@link TokenSeal}).
 */
public final class Sessions {

    private static final String PARTICIPANT = "concord.participantId";
    private static final String DISPLAY_NAME = "concord.displayName";
    private static final String ORGANISATION = "concord.organisation";
    private static final String STAKEHOLDER_TYPE = "concord.stakeholderType";
    private static final String ROLES = "concord.roles";
    private static final String SEALED_TOKEN = "concord.sealedToken";
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private Sessions() {
    }

    /** Who is calling: the person of this browser's session, if its cookie still opens their token. */
    public static Mono<Caller> caller(ServerWebExchange exchange) {
        String address = clientAddress(exchange);
        Long minPosition = ReadYourWrites.lastWritten(exchange);
        return exchange.getSession().map(session -> signedIn(exchange, session)
                .map(token -> new Caller(person(session), token, address, minPosition))
                .orElseGet(() -> Caller.anonymous(address, minPosition)));
    }

    /**
     * Signs {@code person} in with {@code token} (which the API has just recognised): a new session id and a
     * new key, so that a session id known before the sign-in is worth nothing after it.
     */
    public static Mono<Void> signIn(ServerWebExchange exchange, String token, SignedIn person) {
        return exchange.getSession().flatMap(session -> session.changeSessionId().then(Mono.fromRunnable(() -> {
            String key = SessionCookie.newKey(exchange);
            session.getAttributes().put(PARTICIPANT, person.participantId());
            session.getAttributes().put(DISPLAY_NAME, nonNull(person.displayName()));
            session.getAttributes().put(ORGANISATION, nonNull(person.organisation()));
            session.getAttributes().put(STAKEHOLDER_TYPE, nonNull(person.stakeholderType()));
            session.getAttributes().put(ROLES, String.join(",", person.roles()));
            session.getAttributes().put(SEALED_TOKEN, TokenSeal.seal(key, token));
            session.start();
        })));
    }

    /** Ends the session: its record is deleted and the browser's cookie expired. */
    public static Mono<Void> signOut(ServerWebExchange exchange) {
        return exchange.getSession().flatMap(WebSession::invalidate);
    }

    /**
     * The browser's address: the last {@code X-Forwarded-For} entry, the one the gateway added in front of
     * web-ui; the request's own address when it came without one (straight to web-ui, in a test).
     */
    static String clientAddress(ServerWebExchange exchange) {
        List<String> forwarded = exchange.getRequest().getHeaders().getValuesAsList(FORWARDED_FOR);
        if (!forwarded.isEmpty()) {
            String last = forwarded.get(forwarded.size() - 1).trim();
            if (!last.isEmpty()) {
                return last;
            }
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    private static Optional<String> signedIn(ServerWebExchange exchange, WebSession session) {
        String sealed = session.getAttribute(SEALED_TOKEN);
        return sealed == null ? Optional.empty() : TokenSeal.open(SessionCookie.existingKey(exchange), sealed);
    }

    private static SignedIn person(WebSession session) {
        String roles = session.getAttributeOrDefault(ROLES, "");
        return new SignedIn(session.getAttribute(PARTICIPANT), session.getAttribute(DISPLAY_NAME),
                session.getAttribute(ORGANISATION), emptyToNull(session.getAttribute(STAKEHOLDER_TYPE)),
                roles.isEmpty() ? List.of() : Arrays.asList(roles.split(",")));
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
