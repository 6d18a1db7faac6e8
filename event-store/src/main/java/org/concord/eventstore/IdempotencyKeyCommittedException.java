package org.concord.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * A commit was refused because another commit was already stored under its {@code Idempotency-Key}:
 * the request it belongs to has been carried out before. Nothing of the refused commit is visible.
 */
public class IdempotencyKeyCommittedException extends EventStoreException {

    private final String key;

    public IdempotencyKeyCommittedException(String key) {
        super("A commit under this idempotency key is already stored");
        this.key = key;
    }

    public String key() {
        return key;
    }
}
