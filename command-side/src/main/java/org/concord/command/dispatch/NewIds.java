package org.concord.command.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The ids a request gives what it creates: random, or, for a request with an {@code Idempotency-Key},
 * derived from the key, so that a retry answered from the commit of an earlier attempt names the same
 * comment, amendment or consultation as that commit. Controllers take it as a parameter.
 */
public final class NewIds {

    private final String idempotencyKey;
    private int issued;

    NewIds(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    /** The next id, in the order the request makes them. */
    public String next() {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        return UUID.nameUUIDFromBytes((idempotencyKey + "#" + issued++).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
