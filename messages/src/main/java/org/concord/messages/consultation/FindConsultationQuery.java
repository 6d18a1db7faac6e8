package org.concord.messages.consultation;

/** One consultation with its current text. */
public record FindConsultationQuery(String consultationId) {
}
