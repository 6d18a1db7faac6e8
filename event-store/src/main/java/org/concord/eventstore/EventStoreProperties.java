package org.concord.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tuning of Concord's event storage engine.
 *
 * @param gapTimeout how long a reserved but invisible position may stay below a later event before
 *                   readers give it up and the safe position passes it. Default {@code 10s}.
 * @param batchSize  how many positions a tracking read, and how many sequence numbers an aggregate
 *                   load, asks for at once. Default {@code 100}.
 */
@ConfigurationProperties("concord.event-store")
public record EventStoreProperties(@DefaultValue("10s") Duration gapTimeout,
                                   @DefaultValue("100") int batchSize) {
}
