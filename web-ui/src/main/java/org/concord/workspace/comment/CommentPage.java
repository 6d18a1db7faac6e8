package org.concord.workspace.comment;

import org.concord.workspace.form.FormErrors;
import org.concord.workspace.layout.ConsultationNav;

import java.util.List;

/**
 * The comment form, with what it comments on quoted above it.
 *
 * @param nav          the consultation's heading and tabs
 * @param heading      what the page is for: "Comment on provision 2.a", "Reply to a comment"
 * @param quoteIntro   the line before the quoted text ("Provision 2.a reads:"), or empty
 * @param quote        the text commented on, or empty for the consultation as a whole
 * @param form         the form's values
 * @param errors       what was wrong when it was last sent
 * @param attributions the two ways of signing a comment, each explained
 * @param backHref     where "Cancel" leads: the place on the text page commented on
 */
record CommentPage(ConsultationNav nav, String heading, String quoteIntro, String quote, CommentForm form,
                   FormErrors errors, List<Choice> attributions, String backHref) {

    /** A radio button: its value, label, the sentence saying who will see the author's name, and whether chosen. */
    record Choice(String value, String label, String hint, boolean checked) {

        public String id() {
            return "attribution-" + value;
        }
    }
}
