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
 * @param tokenClaimTimeout how long a processor segment's claim in the token store holds without being
 *                   extended: once it has passed, another query-side process may take the segment over,
 *                   so it is how long the segments of a process that died stay unprocessed; a claim that holds is
 *                   written again every fifth of it ({@code SegmentCheckingTokenStore}). Default {@code 10s}.
 * @param fetchDelay how long a processor that has read every event waits before it looks in the storage for new
 *                   ones (Axon's {@code EmbeddedEventStore} fetch delay; Axon's default is 1 s). Default {@code 25ms}.
 */
@ConfigurationProperties("concord.event-store")
public record EventStoreProperties(@DefaultValue("10s") Duration gapTimeout,
                                   @DefaultValue("100") int batchSize,
                                   @DefaultValue("10s") Duration tokenClaimTimeout,
                                   @DefaultValue("25ms") Duration fetchDelay) {
}
