package org.concord.workspace.comment;

import org.concord.workspace.form.FormKey;
import org.concord.workspace.layout.ConsultationNav;
import org.springframework.util.MultiValueMap;

/**
 * What the comment form holds: what it comments on (a provision, or some of its words, an amendment, a comment it
 * answers, or none of these for the consultation as a whole), the text, the attribution, and the form's key.
 *
 * @param anchor        the words of the provision commented on, or null for the whole provision (or no provision)
 * @param fromProvision the provision whose page the form was opened from (a reply or a comment on an amendment there),
 *                      where the comment then leads; null from anywhere else
 */
record CommentForm(String provisionId, String amendmentId, String replyTo, String body, String attribution,
                   ApiComments.Anchor anchor, String fromProvision, String formKey) {

    static final int MAX_BODY = 10_000;

    static CommentForm empty(String provisionId, String amendmentId, String replyTo, ApiComments.Anchor anchor,
                             String fromProvision) {
        return new CommentForm(blankToNull(provisionId), blankToNull(amendmentId), blankToNull(replyTo), "", null,
                blankToNull(provisionId) == null ? null : anchor, blankToNull(fromProvision), FormKey.fresh());
    }

    static CommentForm from(MultiValueMap<String, String> data) {
        String provisionId = blankToNull(data.getFirst("provisionId"));
        return new CommentForm(provisionId, blankToNull(data.getFirst("amendmentId")),
                blankToNull(data.getFirst("replyTo")), data.getFirst("body") == null ? "" : data.getFirst("body"),
                blankToNull(data.getFirst("attribution")),
                provisionId == null ? null : anchor(data.getFirst("anchorVersion"), data.getFirst("anchorStart"), data.getFirst("anchorEnd")),
                blankToNull(data.getFirst(ConsultationNav.FROM_PROVISION)), FormKey.sent(data.getFirst(FormKey.FIELD)));
    }

    /**
     * The anchor the three fields make, or null when none is given; a field that is not a number makes an
     * anchor no version has (version 0), which the form then refuses rather than dropping it unsaid.
     */
    static ApiComments.Anchor anchor(String version, String start, String end) {
        if (blankToNull(version) == null && blankToNull(start) == null && blankToNull(end) == null) {
            return null;
        }
        try {
            return new ApiComments.Anchor(Integer.parseInt(version.strip()), Integer.parseInt(start.strip()), Integer.parseInt(end.strip()));
        } catch (NullPointerException | NumberFormatException e) {
            return new ApiComments.Anchor(0, 0, 0);
        }
    }

    /** The same form, to be sent again after a refusal: another request, so another key. */
    CommentForm again() {
        return new CommentForm(provisionId, amendmentId, replyTo, body, attribution, anchor, fromProvision, FormKey.fresh());
    }

    /** The same form on the whole provision: the words it was on are not in the provision. */
    CommentForm withoutAnchor() {
        return new CommentForm(provisionId, amendmentId, replyTo, body, attribution, null, fromProvision, formKey);
    }

    ApiComments.NewComment request() {
        return new ApiComments.NewComment(provisionId, amendmentId, replyTo, body, attribution, anchor);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
