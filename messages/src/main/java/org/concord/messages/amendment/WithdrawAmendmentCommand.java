package org.concord.messages.amendment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** The author takes back their amendment. */
public record WithdrawAmendmentCommand(@TargetAggregateIdentifier String consultationId,
                                       String amendmentId,
                                       Actor by) implements AmendmentCommand {
}
