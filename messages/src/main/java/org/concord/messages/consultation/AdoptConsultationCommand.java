package org.concord.messages.consultation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** Adopt the current text as final. */
public record AdoptConsultationCommand(@TargetAggregateIdentifier String consultationId,
                                       Actor by) {
}
