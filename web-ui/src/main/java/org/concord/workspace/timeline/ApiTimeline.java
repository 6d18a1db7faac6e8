package org.concord.workspace.timeline;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API's answers the timeline and dispositions pages read (docs/api.md). */
final class ApiTimeline {

    private ApiTimeline() {
    }

    /** {@code GET /api/consultations/{id}}: the heading, and the labels of the current provisions. */
    record Consultation(String consultationId, String title, String status, int version, List<Provision> provisions, Long position) {
    }

    record Provision(String provisionId, String label) {
    }

    /** An author or actor as the API shows it: only {@code stakeholderType} for a masked Chatham House author. */
    record Participant(String participantId, String organisation, String stakeholderType) {
    }

    /** An entry of {@code GET /api/consultations/{id}/history}; {@code data} holds the event's fields. */
    record Entry(long position, Instant at, String type, Participant actor, String summary, Map<String, Object> data) {
    }

    /** An item of {@code GET /api/consultations/{id}/amendments}, the fields the sentences need. */
    record Amendment(String amendmentId, String kind, String provisionId, String label, String status, Participant author) {
    }

    /** An item of {@code GET /api/consultations/{id}/dispositions}. */
    record Disposition(String amendmentId, String kind, String provisionId, String label, Integer round,
                       String organisation, String stakeholderType, Integer supporters, String status, String reason,
                       Instant decidedAt, Integer resultingVersion) {
    }

    /** An item of {@code GET /api/consultations/{id}/provisions/{provisionId}/history}. */
    record ProvisionVersion(int version, String label, boolean deleted) {
    }
}
