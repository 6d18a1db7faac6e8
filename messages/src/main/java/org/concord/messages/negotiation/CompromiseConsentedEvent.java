package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** A party to a compromise, {@code organisation}, consents to it. */
public record CompromiseConsentedEvent(String consultationId,
                                       String compromiseId,
                                       String organisation,
                                       Actor by) implements ConsultationEvent {
}
