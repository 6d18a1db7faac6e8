package org.concord.gateway.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the gateway keeps the credentials it looked up, prefix {@code concord.gateway.credentials}.
 *
 * @param cacheFor      how long a looked-up credential is kept at most (default 60 s; 0 keeps none, and every
 *                      request asks the command side, as before the cache)
 * @param cacheSize     how many credentials are kept at most (default 10,000; the least used go first)
 * @param checkEvery    how often the command side's count of revocations is read (default 500 ms); a change
 *                      forgets every credential kept
 * @param trustCountFor how long a count read is trusted (default 1 s): when no count could be read for that
 *                      long, no kept credential is used, so that a revocation bites within that time whatever happens
 */
@ConfigurationProperties("concord.gateway.credentials")
record CredentialCacheProperties(@DefaultValue("60s") Duration cacheFor,
                                 @DefaultValue("10000") long cacheSize,
                                 @DefaultValue("500ms") Duration checkEvery,
                                 @DefaultValue("1s") Duration trustCountFor) {

    boolean enabled() {
        return !cacheFor.isZero() && !cacheFor.isNegative();
    }
}
