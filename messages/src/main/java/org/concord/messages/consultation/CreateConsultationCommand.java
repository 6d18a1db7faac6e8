package org.concord.messages.consultation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

import java.util.List;

/**
 * Start a consultation: by a drafter as {@link ConsultationStatus#DRAFT}, or by a participant as
 * {@link ConsultationStatus#PROPOSED}. The provisions carry their new stable ids.
 */
public record CreateConsultationCommand(@TargetAggregateIdentifier String consultationId,
                                        String title,
                                        String summary,
                                        Visibility visibility,
                                        List<Provision> provisions,
                                        ConsultationStatus status,
                                        Actor proposer) {
}
