package org.concord.workspace.comment;

import org.concord.workspace.form.FormKey;
import org.springframework.util.MultiValueMap;

/**
 * What the comment form holds: what it comments on (a provision, an amendment, a comment it answers, or
 * none of these for the consultation as a whole), the text, the attribution, and the form's key.
 */
record CommentForm(String provisionId, String amendmentId, String replyTo, String body, String attribution, String formKey) {

    static final int MAX_BODY = 10_000;

    static CommentForm empty(String provisionId, String amendmentId, String replyTo) {
        return new CommentForm(blankToNull(provisionId), blankToNull(amendmentId), blankToNull(replyTo), "", null, FormKey.fresh());
    }

    static CommentForm from(MultiValueMap<String, String> data) {
        return new CommentForm(blankToNull(data.getFirst("provisionId")), blankToNull(data.getFirst("amendmentId")),
                blankToNull(data.getFirst("replyTo")), data.getFirst("body") == null ? "" : data.getFirst("body"),
                blankToNull(data.getFirst("attribution")), FormKey.sent(data.getFirst(FormKey.FIELD)));
    }

    /** The same form, to be sent again after a refusal: another request, so another key. */
    CommentForm again() {
        return new CommentForm(provisionId, amendmentId, replyTo, body, attribution, FormKey.fresh());
    }

    ApiComments.NewComment request() {
        return new ApiComments.NewComment(provisionId, amendmentId, replyTo, body, attribution);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
