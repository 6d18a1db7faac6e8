package org.concord.messages.amendment;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** An amendment was rejected. */
public record AmendmentRejectedEvent(String consultationId,
                                     String amendmentId,
                                     String reason,
                                     Actor by) implements ConsultationEvent {
}
