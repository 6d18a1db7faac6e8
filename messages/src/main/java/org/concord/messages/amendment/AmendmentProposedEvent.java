package org.concord.messages.amendment;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.participant.Actor;

/** An amendment was proposed in the given round. */
public record AmendmentProposedEvent(String consultationId,
                                     String amendmentId,
                                     ChangeKind kind,
                                     String provisionId,
                                     int baseVersion,
                                     String text,
                                     String label,
                                     String justification,
                                     int round,
                                     Actor author) implements ConsultationEvent {
}
