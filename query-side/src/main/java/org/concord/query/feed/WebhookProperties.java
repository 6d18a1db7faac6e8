package org.concord.query.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Webhook deliveries, prefix {@code concord.webhooks}.
 *
 * @param allowedNetworks networks a webhook may point at although they are not globally reachable, as
 *                        {@code 10.1.2.0/24} or {@code fd00:1::/64} (default none: a webhook must not be a
 *                        way into the operator's own network; the tests allow {@code 127.0.0.0/8} for their
 *                        receivers)
 * @param allowedPorts    the ports a webhook may use, each a port or a range {@code 1024-65535} (default 80
 *                        and 443)
 * @param maxPerOwner     how many webhooks one participant may have (default 20)
 * @param pollInterval    how often due deliveries are looked for (default 200 ms)
 * @param firstRetry      the wait after a first failed delivery; it doubles with each failure (default 1 s)
 * @param maxRetry        the longest wait between two tries (default 5 min)
 * @param requestTimeout  how long a receiver has to accept the connection, and then to answer (default 10 s each)
 * @param threads         how many webhooks are delivered to at once (default 4)
 * @param lease           how long one query-side process keeps a webhook to itself while delivering (default 30 s)
 * @param keepDeliveries  how many of the latest deliveries the log keeps per webhook (default 200)
 */
@ConfigurationProperties("concord.webhooks")
public record WebhookProperties(@DefaultValue List<String> allowedNetworks,
                                @DefaultValue({"80", "443"}) List<String> allowedPorts,
                                @DefaultValue("20") int maxPerOwner,
                                @DefaultValue("200ms") Duration pollInterval,
                                @DefaultValue("1s") Duration firstRetry,
                                @DefaultValue("5m") Duration maxRetry,
                                @DefaultValue("10s") Duration requestTimeout,
                                @DefaultValue("4") int threads,
                                @DefaultValue("30s") Duration lease,
                                @DefaultValue("200") int keepDeliveries) {

    public WebhookProperties {
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        allowedPorts = allowedPorts == null ? List.of("80", "443") : List.copyOf(allowedPorts);
    }

    /** The wait before the next try after {@code failures} failures in a row. */
    Duration backoff(int failures) {
        Duration wait = firstRetry;
        for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
