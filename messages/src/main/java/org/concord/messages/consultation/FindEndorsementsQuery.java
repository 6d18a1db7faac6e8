package org.concord.messages.consultation;

/** The organisations that endorsed a consultation's adopted text, in order. */
public record FindEndorsementsQuery(String consultationId) {
}
