package org.concord.workspace.history;

import java.time.Instant;
import java.util.List;

/** The API's answers that the history pages read (docs/api.md, History and provenance). */
final class ApiHistory {

    private ApiHistory() {
    }

    /** The few fields of {@code GET /api/consultations/{id}} these pages need. */
    record Consultation(String consultationId, String title, String status, int version, Instant createdAt, Long position) {
    }

    /** An item of {@code GET /api/consultations/{id}/versions}, oldest first. */
    record Version(int version, Instant createdAt, Cause cause) {
    }

    /**
     * Why a version exists. {@code type} is CREATION, AMENDMENT or REVISION; {@code amendmentId} and
     * {@code author} for an amendment, {@code decidedBy} the drafter who accepted or revised.
     */
    record Cause(String type, String amendmentId, Participant author, Participant decidedBy, String reason) {
    }

    /** An author as the API shows it: {@code organisation} may be null where it is not disclosed. */
    record Participant(String participantId, String organisation, String stakeholderType) {
    }

    /** {@code GET .../versions/{n}} and {@code GET .../text?asOf=}: the text exactly as it stood. */
    record Text(int version, Instant createdAt, List<Provision> provisions) {
    }

    record Provision(String provisionId, String label, String text) {
    }

    /** {@code GET .../diff?from=&to=}: only the provisions that changed. */
    record Diff(int from, int to, List<Change> changes) {
    }

    /** {@code change} is ADDED, REMOVED or MODIFIED; {@code inline} the word-level runs. */
    record Change(String provisionId, String label, String change, String before, String after, List<Run> inline) {
    }

    /** {@code op} is EQUAL, INSERT or DELETE. */
    record Run(String op, String text) {
    }

    /** An item of {@code GET .../provisions/{pid}/history}: one wording per version that changed it. */
    record Wording(int version, String label, String text, boolean deleted, Cause cause) {
    }
}
