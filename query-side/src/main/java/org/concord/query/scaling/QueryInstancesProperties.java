package org.concord.query.scaling;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the query-side processes running on one MongoDB find each other and share the projections' segments.
 *
 * @param heartbeat     how often a process says it is alive, and counts the others (default 2 s)
 * @param timeout       how long a process that stopped saying so still counts as alive (default 10 s, the
 *                      token claim timeout: its segments cannot be taken over before that anyway)
 */
@ConfigurationProperties("concord.query-instances")
public record QueryInstancesProperties(@DefaultValue("2s") Duration heartbeat,
                                       @DefaultValue("10s") Duration timeout) {
}
