package org.concord.messages.consultation;

/** Where a consultation stands in its lifecycle. */
public enum ConsultationStatus {
    /** Proposed by a participant, waiting for a drafter. */
    PROPOSED,
    /** Created by a drafter, not yet open for comments. */
    DRAFT,
    OPEN,
    CLOSED,
    ADOPTED,
    WITHDRAWN
}
