package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** The delegation's capital confirmed its ad referendum agreement to a provision. */
public record AdReferendumConfirmedEvent(String consultationId,
                                         String provisionId,
                                         String organisation,
                                         Actor by) implements ConsultationEvent {
}
