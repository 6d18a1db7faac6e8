package org.concord.messages.consultation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** An organisation signs the adopted text. */
public record EndorseConsultationCommand(@TargetAggregateIdentifier String consultationId,
                                         String country,
                                         Actor by) {
}
