package org.concord.workspace.comment;

import java.util.List;

/** The API's answers a comment form reads to show what is commented on (docs/api.md). */
final class ApiComments {

    private ApiComments() {
    }

    /** {@code GET /api/consultations/{id}}: the fields the form uses. */
    record Detail(String consultationId, String title, String status, int version, List<Provision> provisions) {
    }

    record Provision(String provisionId, String label, String text) {
    }

    record Participant(String participantId, String organisation, String stakeholderType) {
    }

    /** {@code GET /api/consultations/{id}/amendments/{amendmentId}}: the fields the form uses. */
    record Amendment(String amendmentId, String kind, String provisionId, String text, String label, Participant author) {
    }

    /** An item of {@code GET /api/consultations/{id}/comments}, with its replies. */
    record Comment(String commentId, String provisionId, String body, String attribution, Participant author,
                   List<Comment> replies) {
    }

    /** The body of {@code POST /api/consultations/{id}/comments}. */
    record NewComment(String provisionId, String amendmentId, String replyTo, String body, String attribution) {
    }
}
