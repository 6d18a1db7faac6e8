package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** A delegate no longer supports an alternative it supported. */
public record AlternativeSupportWithdrawnEvent(String consultationId,
                                               String bracketId,
                                               String alternativeId,
                                               Actor supporter) implements ConsultationEvent {
}
