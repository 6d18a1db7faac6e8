package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/** A delegation, {@code organisation}, agrees to a provision ad referendum: subject to confirmation by its capital. */
public record AdReferendumAgreedEvent(String consultationId,
                                      String provisionId,
                                      String organisation,
                                      String note,
                                      Actor by) implements ConsultationEvent {
}
