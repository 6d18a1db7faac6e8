package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A delegation confirms its ad referendum agreement to a provision. */
public record ConfirmAdReferendumCommand(@TargetAggregateIdentifier String consultationId,
                                         String provisionId,
                                         Actor by) {
}
