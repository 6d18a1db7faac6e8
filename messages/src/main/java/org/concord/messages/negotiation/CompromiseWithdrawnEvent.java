package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** A drafter withdrew a compromise; the amendments it would have merged are pending again. */
public record CompromiseWithdrawnEvent(String consultationId,
                                       String compromiseId,
                                       String reason,
                                       Actor by) implements ConsultationEvent {
}
