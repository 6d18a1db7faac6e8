package org.concord.eventstore;

import java.util.Optional;

/**
 * Finds the commit made under an {@code Idempotency-Key} (see {@link IdempotentCommits}), so that a retry
 * whose first attempt was stored answers with that attempt's outcome instead of running again.
 */
public interface IdempotentCommitLookup {

    /** The commit stored under the key: its command's result and its highest position; empty when none was. */
    Optional<IdempotentCommits.Outcome> committedUnder(String idempotencyKey);
}
