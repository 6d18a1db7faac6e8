package org.concord.messages.amendment;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** A participant co-sponsors an amendment. */
public record AmendmentSupportedEvent(String consultationId,
                                      String amendmentId,
                                      Actor supporter) implements ConsultationEvent {
}
