package org.concord.workspace.amendment;

import java.time.Instant;
import java.util.List;

/** The API's answers the amendment forms read (docs/api.md), and the body of a proposal. */
final class ApiAmendments {

    private ApiAmendments() {
    }

    /** {@code GET /api/consultations/{id}}: the fields the forms use. */
    record Detail(String consultationId, String title, String status, int version, Round round, List<Provision> provisions) {

        Provision provision(String provisionId) {
            return provisions.stream().filter(provision -> provision.provisionId().equals(provisionId)).findFirst().orElse(null);
        }

        boolean open() {
            return "OPEN".equals(status);
        }
    }

    record Round(int number, Instant deadline, String status) {
    }

    record Provision(String provisionId, String label, String text) {
    }

    /** {@code GET /api/consultations/{id}/versions/{version}}. */
    record Version(int version, List<Provision> provisions) {

        Provision provision(String provisionId) {
            return provisions.stream().filter(provision -> provision.provisionId().equals(provisionId)).findFirst().orElse(null);
        }
    }

    record Participant(String participantId, String organisation, String stakeholderType) {
    }

    /** {@code GET /api/consultations/{id}/amendments/{amendmentId}}: the fields the pages use. */
    record Amendment(String amendmentId, String kind, String provisionId, int baseVersion, String text, String label,
                     String justification, String status, boolean stale, Participant author) {
    }

    /** The body of {@code POST /api/consultations/{id}/amendments}. */
    record NewAmendment(String kind, String provisionId, int baseVersion, String text, String label, String justification) {
    }
}
