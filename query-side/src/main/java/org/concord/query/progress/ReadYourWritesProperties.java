package org.concord.query.progress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * How a read waits for the read models to catch up with a position ({@code ?minPosition=}).
 *
 * @param maxWait      how long a read waits at most before answering with what it has (default 5 s)
 * @param pollInterval how often the projection tokens are read while some read waits, one read for all (default 20 ms)
 * @param processors   the processing groups whose progress a read waits for (default: consultations, participants, comments, history, audit)
 * @param tokenStoreInterval how often an idle projection segment stores its progress (default 50 ms)
 * @param maxWaitsPerClient how many reads one client may have waiting at once (default 10): a participant, or an
 *                          address for anonymous reads; behind the gateway every anonymous read comes from its address
 */
@ConfigurationProperties("concord.read-your-writes")
public record ReadYourWritesProperties(@DefaultValue("5s") Duration maxWait,
                                       @DefaultValue("20ms") Duration pollInterval,
                                       @DefaultValue({"consultations", "participants", "comments", "history", "audit"}) List<String> processors,
                                       @DefaultValue("50ms") Duration tokenStoreInterval,
                                       @DefaultValue("10") int maxWaitsPerClient) {
}
