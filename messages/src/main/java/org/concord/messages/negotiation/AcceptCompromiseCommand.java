package org.concord.messages.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** A drafter accepts a compromise once every party consented, or its deadline passed without objection. */
public record AcceptCompromiseCommand(@TargetAggregateIdentifier String consultationId,
                                      String compromiseId,
                                      String reason,
                                      Actor by) {
}
