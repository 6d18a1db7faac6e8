package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** A participant broke silence, with a reason: the procedure ended and nothing is adopted by it. */
public record SilenceBrokenEvent(String consultationId,
                                 String procedureId,
                                 String provisionId,
                                 String reason,
                                 Actor by) implements ConsultationEvent {
}
