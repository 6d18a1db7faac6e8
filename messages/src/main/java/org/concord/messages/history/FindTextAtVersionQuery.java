package org.concord.messages.history;

/** A consultation's text exactly as it stood at one version. */
public record FindTextAtVersionQuery(String consultationId, int version) {
}
