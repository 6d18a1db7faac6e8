package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** The delegation withdrew its ad referendum agreement to a provision, with a reason. */
public record AdReferendumWithdrawnEvent(String consultationId,
                                         String provisionId,
                                         String organisation,
                                         String reason,
                                         Actor by) implements ConsultationEvent {
}
