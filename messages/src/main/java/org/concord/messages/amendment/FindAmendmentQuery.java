package org.concord.messages.amendment;

/** One amendment of a consultation. */
public record FindAmendmentQuery(String consultationId, String amendmentId) {
}
