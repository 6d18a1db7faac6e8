package org.concord.messages.participant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a participant's credential: it stops working at once. */
public record RevokeParticipantCommand(@TargetAggregateIdentifier String participantId, Actor revokedBy) {
}
