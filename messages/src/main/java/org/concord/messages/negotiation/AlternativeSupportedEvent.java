package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** A delegate supports one of a bracket's alternatives. */
public record AlternativeSupportedEvent(String consultationId,
                                       String bracketId,
                                       String alternativeId,
                                       Actor supporter) implements ConsultationEvent {
}
