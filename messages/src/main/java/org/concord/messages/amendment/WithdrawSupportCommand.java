package org.concord.messages.amendment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** Stop co-sponsoring an amendment. */
public record WithdrawSupportCommand(@TargetAggregateIdentifier String consultationId,
                                     String amendmentId,
                                     Actor supporter) implements AmendmentCommand {
}
