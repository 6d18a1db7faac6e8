package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** A party to a compromise, {@code organisation}, objects to it, with a reason; it cannot be accepted. */
public record CompromiseObjectedEvent(String consultationId,
                                      String compromiseId,
                                      String organisation,
                                      String reason,
                                      Actor by) implements ConsultationEvent {
}
