package org.concord.messages.history;

/** What changed in a consultation's text from one version to another, provision by provision and word by word. */
public record FindDiffQuery(String consultationId, int from, int to) {
}
