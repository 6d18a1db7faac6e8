package org.concord.web.idempotency;

import org.springframework.web.server.ServerWebExchange;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code Idempotency-Key} a request runs under, for the code that makes the request's effects: a
 * digest of the caller, the key and the request (method, path, body), so two callers' keys never meet
 * and the same key with another request is another request. The command side records it with the
 * events, so that a retry whose first attempt died after writing them is answered from them instead
 * of running again.
 */
public final class IdempotentRequest {

    static final String ATTRIBUTE = IdempotentRequest.class.getName();
    static final String WITHHELD = IdempotentRequest.class.getName() + ".withheld";
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
     * Marks a top-level field of the answer's JSON body as a credential, which must not be kept: the answer kept
     * for retries lacks it and has {@code <field>Withheld: true} in its place, so that a retry is told why it has
     * none. Of an answer's headers only {@code Location} and {@code Content-Type} are ever kept. No effect on a
     * request without a key.
     */
    public static void withholdFromRetries(ServerWebExchange exchange, String field) {
        Set<String> fields = new LinkedHashSet<>(exchange.getAttributeOrDefault(WITHHELD, Set.<String>of()));
        fields.add(field);
        exchange.getAttributes().put(WITHHELD, Set.copyOf(fields));
    }

    /**
     * The context of a reactive chain run for a request under the key (its digest, as {@link #key(ContextView)}
     * gives it): what {@link IdempotencyWebFilter} writes for the request's handler.
     */
    public static Context withKey(Context context, String key) {
        return context.put(CONTEXT_KEY, key);
    }
}
