package org.concord.messages.amendment;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.participant.Actor;

/** An amendment was accepted (status ACCEPTED or ACCEPTED_WITH_MODIFICATIONS) and made a new version. */
public record AmendmentAcceptedEvent(String consultationId,
                                     String amendmentId,
                                     AmendmentStatus status,
                                     String reason,
                                     TextChange change,
                                     int version,
                                     Actor by) implements ConsultationEvent {
}
