package org.concord.query.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Webhook deliveries, prefix {@code concord.webhooks}.
 *
 * @param allowPrivateAddresses whether a webhook may point at a loopback, private or link-local address
 *                              (default false: a webhook must not be a way into the operator's own network;
 *                              set it for a receiver on the same machine, as the tests do)
 * @param pollInterval          how often due deliveries are looked for (default 200 ms)
 * @param firstRetry            the wait after a first failed delivery; it doubles with each failure (default 1 s)
 * @param maxRetry              the longest wait between two tries (default 5 min)
 * @param requestTimeout        how long a receiver has to answer (default 10 s)
 * @param threads               how many webhooks are delivered to at once (default 4)
 * @param lease                 how long one query-side process keeps a webhook to itself while delivering (default 30 s)
 * @param keepDeliveries        how many of the latest deliveries the log keeps per webhook (default 200)
 */
@ConfigurationProperties("concord.webhooks")
public record WebhookProperties(@DefaultValue("false") boolean allowPrivateAddresses,
                                @DefaultValue("200ms") Duration pollInterval,
                                @DefaultValue("1s") Duration firstRetry,
                                @DefaultValue("5m") Duration maxRetry,
                                @DefaultValue("10s") Duration requestTimeout,
                                @DefaultValue("4") int threads,
                                @DefaultValue("30s") Duration lease,
                                @DefaultValue("200") int keepDeliveries) {

    /** The wait before the next try after {@code failures} failures in a row. */
    Duration backoff(int failures) {
        Duration wait = firstRetry;
        for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
