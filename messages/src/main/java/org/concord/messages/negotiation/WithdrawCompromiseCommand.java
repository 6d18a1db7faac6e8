package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A drafter withdraws a pending compromise. */
public record WithdrawCompromiseCommand(@TargetAggregateIdentifier String consultationId,
                                        String compromiseId,
                                        String reason,
                                        Actor by) {
}
