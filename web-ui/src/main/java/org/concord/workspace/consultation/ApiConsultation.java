package org.concord.workspace.consultation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The API's answers about one consultation that its text page reads (docs/api.md). */
final class ApiConsultation {

    private ApiConsultation() {
    }

    /** {@code GET /api/consultations/{id}}. */
    record Detail(String consultationId, String title, String summary, String status, String visibility, int version,
                  Participant proposer, Round round, List<Provision> provisions, Instant createdAt, Long position) {
    }

    /** The latest round; null before the first. */
    record Round(int number, Instant deadline, String status) {
    }

    record Provision(String provisionId, String label, String text) {
    }

    /**
     * An author as the API shows it to this reader: for a Chatham House comment read by anyone but a drafter
     * or its author, only {@code stakeholderType}, the other fields null.
     */
    record Participant(String participantId, String organisation, String stakeholderType) {
    }

    /** An item of {@code GET /api/consultations/{id}/amendments}. */
    record Amendment(String amendmentId, String kind, String provisionId, int baseVersion, String text, String label,
                     String justification, String status, boolean stale, int round, Participant author,
                     Supporters supporters, Decision decision, Instant proposedAt) {
    }

    record Supporters(int total, Map<String, Integer> byStakeholderType) {
    }

    record Decision(String by, String reason, Instant at, Integer version) {
    }

    /** An item of {@code GET /api/consultations/{id}/comments}: the answers are nested in {@code replies}. */
    record Comment(String commentId, String provisionId, String amendmentId, String replyTo, String body,
                   String attribution, Participant author, Instant postedAt, int round, List<Comment> replies, Anchor anchor) {
    }

    /**
     * The words of its provision a comment is on (docs/api.md, "Comments on words"): as posted ({@code version},
     * {@code quote}), and where they are in the current text ({@code status}; {@code current} null when REMOVED).
     */
    record Anchor(int version, int start, int end, String quote, String status, Current current) {
    }

    record Current(int version, int start, int end, String text) {
    }
}
