package org.concord.messages.consultation;

/** Every consultation the reader may see, newest first. */
public record FindConsultationsQuery(boolean includeRestricted) {
}
