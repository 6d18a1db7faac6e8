package org.concord.messages.consultation;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** Open the next comment round, until a deadline. */
public record OpenRoundCommand(@TargetAggregateIdentifier String consultationId,
                               Instant deadline,
                               Actor by) {
}
