package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A party to a compromise consents to it. */
public record ConsentToCompromiseCommand(@TargetAggregateIdentifier String consultationId,
                                         String compromiseId,
                                         Actor by) {
}
