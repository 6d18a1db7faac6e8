package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A delegation withdraws its ad referendum agreement to a provision. */
public record WithdrawAdReferendumCommand(@TargetAggregateIdentifier String consultationId,
                                          String provisionId,
                                          String reason,
                                          Actor by) {
}
