package org.concord.messages.history;

/** Who introduced each word of a consultation's current text. */
public record FindProvenanceQuery(String consultationId) {
}
