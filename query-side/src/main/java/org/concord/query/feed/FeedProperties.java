package org.concord.query.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The change feeds, prefix {@code concord.feed}.
 *
 * @param pollInterval how often the query side looks for events below the event store's safe position (default 50 ms)
 * @param heartbeat    how often an idle feed sends a comment line, so that proxies keep it open (default 15 s)
 * @param recentEvents how many of the latest events are kept in memory for the subscribers at the head (default 10,000)
 * @param pageSize     how many positions a subscriber reads at once (default 500)
 * @param stuckAfter   how long a subscriber may take nothing, not even a heartbeat, before it is sent a final
 *                     {@code disconnect} event and its stream ends (default 60 s)
 * @param publicBaseUrl the gateway's address as clients know it, for the links of the Atom feed
 *                     (default {@code http://localhost:8080}; {@code CONCORD_FEED_PUBLIC_BASE_URL})
 * @param maxOpenPerCaller how many change feeds (SSE) one participant may hold open at once on this query side, however
 *                     its requests reached it (default 10, as the gateway's {@code feeds-per-client};
 *                     {@code CONCORD_FEED_MAX_OPEN_PER_CALLER}); anonymous feeds are capped by the gateway only
 * @param checkpointPollInterval how often the query side looks for a new signed checkpoint of the log, which the
 *                     feeds then publish (default 1 s; the log signs one every 5 s while it grows)
 */
@ConfigurationProperties("concord.feed")
public record FeedProperties(@DefaultValue("50ms") Duration pollInterval,
                             @DefaultValue("15s") Duration heartbeat,
                             @DefaultValue("10000") int recentEvents,
                             @DefaultValue("500") int pageSize,
                             @DefaultValue("60s") Duration stuckAfter,
                             @DefaultValue("http://localhost:8080") String publicBaseUrl,
                             @DefaultValue("10") int maxOpenPerCaller,
                             @DefaultValue("1s") Duration checkpointPollInterval) {
}
