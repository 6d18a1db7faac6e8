package org.concord.workspace.consultations;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API's answers about consultations that these pages read (docs/api.md, Consultations). */
final class ApiConsultations {

    private ApiConsultations() {
    }

    /** An item of {@code GET /api/consultations}: {@code deadline} is the latest round's, null before the first. */
    record Summary(String consultationId, String title, String status, String visibility, int version, int round,
                   Instant deadline, long comments, long amendments) {
    }

    /** {@code GET /api/consultations/{id}}. */
    record Detail(String consultationId, String title, String summary, String status, String visibility, int version,
                  Participant proposer, Round round, List<Provision> provisions, Instant createdAt) {
    }

    record Round(int number, Instant deadline, String status) {
    }

    record Provision(String provisionId, String label, String text) {
    }

    /** An author or actor as the API shows it: only {@code stakeholderType} for a masked Chatham House author. */
    record Participant(String participantId, String organisation, String stakeholderType) {
    }

    /** {@code GET /api/consultations/{id}/statistics}. */
    record Statistics(Counts total, Map<String, Counts> byStakeholderType, Map<String, Counts> byCountry) {
    }

    record Counts(long participants, long organisations, long amendments, long accepted, long rejected, long withdrawn,
                  long supports, long comments, long endorsements, Double acceptanceRate) {
    }
}
