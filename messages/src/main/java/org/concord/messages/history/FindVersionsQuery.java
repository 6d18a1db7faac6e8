package org.concord.messages.history;

/** Every version of a consultation's text, oldest first, with what caused it. */
public record FindVersionsQuery(String consultationId) {
}
