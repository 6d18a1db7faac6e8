package org.concord.messages.consultation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** Close the current comment round. */
public record CloseRoundCommand(@TargetAggregateIdentifier String consultationId,
                                Actor by) {
}
