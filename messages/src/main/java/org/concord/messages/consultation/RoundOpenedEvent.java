package org.concord.messages.consultation;

import org.concord.messages.consultation.ConsultationEvent;
import java.time.Instant;
import org.concord.messages.participant.Actor;

/** A comment round is open until its deadline; the consultation is OPEN. */
public record RoundOpenedEvent(String consultationId,
                               int round,
                               Instant deadline,
                               Actor by) implements ConsultationEvent {
}
