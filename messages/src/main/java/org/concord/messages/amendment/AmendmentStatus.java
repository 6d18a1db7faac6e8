package org.concord.messages.amendment;

/** Where an amendment stands. */
public enum AmendmentStatus {
    PROPOSED,
    ACCEPTED,
    ACCEPTED_WITH_MODIFICATIONS,
    REJECTED,
    WITHDRAWN,
    /** Merged into a compromise the drafter accepted (see the disposition's reason). */
    MERGED
}
