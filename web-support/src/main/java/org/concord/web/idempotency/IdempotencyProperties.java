package org.concord.web.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How {@code Idempotency-Key}s are kept, prefix {@code concord.idempotency}.
 *
 * @param abandonAfter how long a claimed key whose request has not answered yet refuses retries (409)
 *                     before a retry may take it over and run the request again. Default {@code 60s}.
 * @param keep         how long a key is remembered after its first use; a retry after that runs as a
 *                     new request. Default {@code 24h}.
 * @param cleanupEvery how often keys older than {@code keep} are deleted. Default {@code 10m}.
 */
@ConfigurationProperties("concord.idempotency")
public record IdempotencyProperties(@DefaultValue("60s") Duration abandonAfter,
                                    @DefaultValue("24h") Duration keep,
                                    @DefaultValue("10m") Duration cleanupEvery) {

    public IdempotencyProperties {
        requirePositive("abandon-after", abandonAfter);
        requirePositive("keep", keep);
        requirePositive("cleanup-every", cleanupEvery);
        if (keep.compareTo(abandonAfter) <= 0) {
            // Otherwise a request still running could lose its key and be run a second time.
            throw new IllegalArgumentException("concord.idempotency.keep must be longer than abandon-after");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("concord.idempotency." + name + " must be a positive duration");
        }
    }
}
