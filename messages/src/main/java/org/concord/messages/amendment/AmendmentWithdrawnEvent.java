package org.concord.messages.amendment;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** The author took back their amendment. */
public record AmendmentWithdrawnEvent(String consultationId,
                                      String amendmentId,
                                      Actor by) implements ConsultationEvent {
}
