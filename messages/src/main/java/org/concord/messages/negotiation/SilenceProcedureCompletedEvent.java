package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;

/**
 * Nobody broke silence by the deadline: the procedure passed. The adoption of the text (or the
 * provision's change to AGREED) follows as its own event in the same unit of work.
 */
public record SilenceProcedureCompletedEvent(String consultationId,
                                             String procedureId,
                                             String provisionId,
                                             int version) implements ConsultationEvent {
}
