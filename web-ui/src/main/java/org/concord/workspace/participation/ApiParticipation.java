package org.concord.workspace.participation;

import java.util.Map;

/** The API's answers this page reads (docs/api.md, History and provenance: statistics). */
final class ApiParticipation {

    private ApiParticipation() {
    }

    /** What of {@code GET /api/consultations/{id}} the page's heading needs. */
    record Consultation(String consultationId, String title, String status, Long position) {
    }

    /** {@code GET /api/consultations/{id}/statistics}; a map is empty before anyone took part. */
    record Statistics(Counts total, Map<String, Counts> byStakeholderType, Map<String, Counts> byCountry) {
    }

    /** {@code acceptanceRate} is accepted / (accepted + rejected), null before any decision. */
    record Counts(long participants, long organisations, long amendments, long accepted, long rejected, long withdrawn,
                  long supports, long comments, long endorsements, Double acceptanceRate) {

        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, null);
    }
}
