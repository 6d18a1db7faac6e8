package org.concord.query.log;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The verifiable log, prefix {@code concord.log}.
 *
 * @param enabled            whether this query side builds the log (default true); it serves the log's endpoints either way
 * @param checkpointInterval how often a checkpoint is signed while the tree grows (default 5 s; at most 10 s, as
 *                           docs/trust.md promises)
 * @param buildInterval      how often the builder looks for new events when it is not woken by the feeds' poller
 *                           (default 500 ms)
 * @param lease              how long the builder's lease in {@code log_state} holds unless renewed; another query side
 *                           takes over once it has run out (default 10 s)
 * @param directory          where the signing key and the commitment secret are kept, shared by every query side
 *                           (default {@code ${CONCORD_DATA_DIR:data}/log})
 * @param cachedTiles        how many of the tree's tiles are kept in memory for proofs and entries (default 1,000, some
 *                           18 MB once proofs have used them: every tile of a log of 256,000 entries, and the upper
 *                           levels' of any log; 4,096 hold a million entries' tiles, some 75 MB; docs/benchmarks.md)
 */
@ConfigurationProperties("concord.log")
public record LogProperties(@DefaultValue("true") boolean enabled,
                            @DefaultValue("5s") Duration checkpointInterval,
                            @DefaultValue("500ms") Duration buildInterval,
                            @DefaultValue("10s") Duration lease,
                            @DefaultValue("data/log") Path directory,
                            @DefaultValue("1000") int cachedTiles) {

    public LogProperties {
        if (checkpointInterval.isNegative() || checkpointInterval.isZero() || checkpointInterval.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("concord.log.checkpoint-interval must be more than 0 and at most 10s, not " + checkpointInterval);
        }
    }
}
