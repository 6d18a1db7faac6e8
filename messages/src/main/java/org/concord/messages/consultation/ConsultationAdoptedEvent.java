package org.concord.messages.consultation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** The text at this version is adopted and frozen. */
public record ConsultationAdoptedEvent(String consultationId,
                                       int version,
                                       Actor by) implements ConsultationEvent {
}
