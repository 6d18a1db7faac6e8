package org.concord.workspace.provenance;

import java.util.List;

/** The API's answers the provenance page reads (docs/api.md, History and provenance). */
final class ApiProvenance {

    private ApiProvenance() {
    }

    /** {@code GET /api/consultations/{id}}, the fields the page's heading needs. */
    record Consultation(String consultationId, String title, String status, int version, Long position) {
    }

    /** An item of {@code GET /api/consultations/{id}/amendments}: who proposed it. */
    record Amendment(String amendmentId, Author author) {
    }

    record Author(String organisation) {
    }

    /** {@code GET /api/consultations/{id}/provenance}: the current text, each provision's words in spans. */
    record Provenance(int version, List<Provision> provisions) {
    }

    record Provision(String provisionId, String label, List<Span> spans) {
    }

    /**
     * Words of the current text and where they came from: the version that introduced them and, when an
     * amendment did, the amendment and its proposer ({@code amendmentId} null for the drafters' own words).
     */
    record Span(String text, Integer version, String amendmentId, String organisation, String stakeholderType) {
    }
}
