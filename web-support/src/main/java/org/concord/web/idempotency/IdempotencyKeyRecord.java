package org.concord.web.idempotency;

import java.time.Instant;

/**
 * A claimed {@code Idempotency-Key}: the request it was first used with and, once that request has
 * answered, its answer.
 *
 * @param claim     identifies the attempt that holds the key, so that an attempt whose key was taken
 *                  over cannot overwrite or release it
 * @param claimedAt when that attempt claimed it
 * @param response  null while the request is in progress
 */
record IdempotencyKeyRecord(String id, String requestHash, String claim, Instant claimedAt, StoredResponse response) {

    boolean done() {
        return response != null;
    }
}
