package org.concord.web.idempotency;

/**
 * The first answer to a request with an {@code Idempotency-Key}, as it is replayed to retries.
 *
 * @param location    the {@code Location} header, or null
 * @param contentType the {@code Content-Type} header, or null
 */
record StoredResponse(int status, String location, String contentType, byte[] body) {
}
