package org.concord.messages.amendment;

/** The amendments of a consultation, optionally only those with one status. */
public record FindAmendmentsQuery(String consultationId, AmendmentStatus status) {
}
