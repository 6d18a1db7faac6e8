package org.concord.workspace;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The workspace's settings, prefix {@code concord.web}.
 *
 * @param gatewayUri the gateway whose public API the pages are made from (default http://127.0.0.1:8080;
 *                   {@code CONCORD_WEB_GATEWAY_URI})
 * @param apiTimeout how long a page waits for one answer of the API before it says Concord is not available
 *                   (default 10s)
 * @param sessions   where and how long sign-ins are kept
 * @param logCheckInterval how long the result of checking the log's latest checkpoint is shown before the next
 *                   check (default 5s; the log signs one every 5 s while it grows; {@code log/LogWitness})
 */
@ConfigurationProperties("concord.web")
public record WorkspaceProperties(@DefaultValue("http://127.0.0.1:8080") URI gatewayUri,
                                  @DefaultValue("10s") Duration apiTimeout,
                                  @DefaultValue Sessions sessions,
                                  @DefaultValue("5s") Duration logCheckInterval) {

    /**
     * @param mongodbUri   the MongoDB that keeps the sessions; only its hosts and options are used (default the
     *                     services' {@code CONCORD_MONGODB_URI}, see application.yml)
     * @param database     the database of its own the sessions are kept in (default concord-web-sessions)
     * @param idleTimeout  a session unused this long ends (default 8h: a working day)
     * @param secureCookie whether the session cookie is marked Secure even when the request did not come over
     *                     HTTPS; it always is when the gateway or a proxy before it says the request did
     *                     ({@code X-Forwarded-Proto: https}) (default false)
     */
    public record Sessions(String mongodbUri,
                           @DefaultValue("concord-web-sessions") String database,
                           @DefaultValue("8h") Duration idleTimeout,
                           @DefaultValue("false") boolean secureCookie) {
    }
}
