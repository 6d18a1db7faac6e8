package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A delegation agrees to a provision ad referendum. */
public record AgreeAdReferendumCommand(@TargetAggregateIdentifier String consultationId,
                                       String provisionId,
                                       String note,
                                       Actor by) {
}
