package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A party to a compromise objects to it, with a reason. */
public record ObjectToCompromiseCommand(@TargetAggregateIdentifier String consultationId,
                                        String compromiseId,
                                        String reason,
                                        Actor by) {
}
