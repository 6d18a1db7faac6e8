package org.concord.workspace.drafting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API's answers the drafters' pages read (docs/api.md), and the bodies they send. */
final class ApiDrafting {

    private ApiDrafting() {
    }

    /** {@code GET /api/consultations/{id}}: the fields the pages use. */
    record Detail(String consultationId, String title, String status, int version, Round round, List<Provision> provisions) {

        Provision provision(String provisionId) {
            return provisions.stream().filter(provision -> provision.provisionId().equals(provisionId)).findFirst().orElse(null);
        }
    }

    record Round(int number, Instant deadline, String status) {
    }

    record Provision(String provisionId, String label, String text) {
    }

    record Participant(String participantId, String organisation, String stakeholderType) {
    }

    /** An item of {@code GET /api/consultations/{id}/amendments}. */
    record Amendment(String amendmentId, String kind, String provisionId, int baseVersion, String text, String label,
                     String justification, String status, boolean stale, int round, Participant author, Supporters supporters,
                     Instant proposedAt) {
    }

    record Supporters(int total, Map<String, Integer> byStakeholderType) {
    }

    /** An item of {@code GET /api/consultations/{id}/endorsements}. */
    record Endorsement(String organisation, String stakeholderType, String country, Instant endorsedAt) {
    }

    record NewRound(String deadline) {
    }

    record Decision(String reason, String text) {
    }
}
