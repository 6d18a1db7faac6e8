package org.concord.messages.amendment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** Co-sponsor someone else's amendment. */
public record SupportAmendmentCommand(@TargetAggregateIdentifier String consultationId,
                                      String amendmentId,
                                      Actor supporter) implements AmendmentCommand {
}
