package org.concord.command.consultation.command;

import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;

/**
 * The shape of a {@link Consultation}'s snapshots, and the filter that passes over snapshots of another shape:
 * read into today's class, an older snapshot would leave new fields empty without a word, so the consultation
 * is loaded from its events instead (and snapshotted anew). Public for the tests that load stored aggregates
 * as the command side does.
 */
public final class ConsultationSnapshots {

    /**
     * The revision of {@link Consultation}'s fields, stored with each snapshot. Raise it whenever a field changes.
     * 2: amendments became entities with their ids (snapshots before had no revision).
     * 3: the negotiation of the text (issue #20): provision statuses, brackets, compromises, silence.
     */
    public static final String REVISION = "3";

    private ConsultationSnapshots() {
    }

    /** Passes over a Consultation snapshot of another revision; any other aggregate's snapshot is read. */
    public static SnapshotFilter currentShapeOnly() {
        return snapshot -> !Consultation.class.getSimpleName().equals(snapshot.getType())
                || REVISION.equals(snapshot.getPayload().getType().getRevision());
    }
}
