package org.concord.web.idempotency;

import org.springframework.web.server.ServerWebExchange;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import java.util.Optional;

/**
 * The {@code Idempotency-Key} a request runs under, for the code that makes the request's effects: a
 * digest of the caller, the key and the request (method, path, body), so two callers' keys never meet
 * and the same key with another request is another request. The command side records it with the
 * events, so that a retry whose first attempt died after writing them is answered from them instead
 * of running again.
 */
public final class IdempotentRequest {

    static final String ATTRIBUTE = IdempotentRequest.class.getName();
    static final String KEPT_BODY = IdempotentRequest.class.getName() + ".keptBody";
    private static final String CONTEXT_KEY = IdempotentRequest.class.getName();

    private IdempotentRequest() {
    }

    /** The key of the request handled in this exchange, if it holds one. */
    public static Optional<String> key(ServerWebExchange exchange) {
        return Optional.ofNullable(exchange.getAttribute(ATTRIBUTE));
    }

    /** The key of the request a reactive chain runs for, if it holds one. */
    public static Optional<String> key(ContextView context) {
        return context.getOrEmpty(CONTEXT_KEY);
    }

    /**
     * Keeps {@code body} for retries instead of the answer's own body: for an answer holding what must not be
     * stored (a new participant's token), so that a retry gets the answer without it. No effect on a request
     * without a key.
     */
    public static void keepInstead(ServerWebExchange exchange, byte[] body) {
        exchange.getAttributes().put(KEPT_BODY, body.clone());
    }

    static Context withKey(Context context, String key) {
        return context.put(CONTEXT_KEY, key);
    }
}
