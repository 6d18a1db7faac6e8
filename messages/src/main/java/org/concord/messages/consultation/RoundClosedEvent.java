package org.concord.messages.consultation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** The comment round is closed; the consultation is CLOSED. */
public record RoundClosedEvent(String consultationId,
                               int round,
                               Actor by) implements ConsultationEvent {
}
