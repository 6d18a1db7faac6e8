package org.concord.workspace.comment;

import com.fasterxml.jackson.annotation.JsonInclude;

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

    /** {@code GET /api/consultations/{id}/versions/{version}}: the provisions of that version. */
    record Version(int version, List<Provision> provisions) {

        Provision provision(String provisionId) {
            return provisions.stream().filter(provision -> provision.provisionId().equals(provisionId)).findFirst().orElse(null);
        }
    }

    /**
     * The words of a provision a comment is on: words [start, end) of its wording in {@code version}, counted as
     * {@link org.concord.workspace.consultation.Words} counts them.
     */
    record Anchor(int version, int start, int end) {
    }

    /** The body of {@code POST /api/consultations/{id}/comments}; {@code anchor} only when the comment is on a selection. */
    record NewComment(String provisionId, String amendmentId, String replyTo, String body, String attribution,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Anchor anchor) {
    }
}
