package org.concord.workspace.amendment;

import org.concord.workspace.consultation.TrackedChanges;
import org.concord.workspace.form.FormErrors;
import org.concord.workspace.layout.ConsultationNav;

import java.util.List;

/**
 * The amendment form: the provision as it reads now, the kind of change, the wording, and, once previewed,
 * the change as tracked changes; when the provision changed after the version the delegate wrote against, what
 * changed, and the offer to write against the current version.
 *
 * @param heading      "Propose an amendment to provision 2.a"
 * @param label        the provision's label
 * @param current      the provision's current wording
 * @param kinds        the three kinds of change, the chosen one checked
 * @param baseVersion  "You are writing against version 7, the current one."
 * @param form         the values
 * @param errors       what was wrong when it was last sent
 * @param preview      the proposal as tracked changes against the current wording, or null before a preview
 * @param previewTitle what the preview shows ("Provision 2.a would read:")
 * @param stale        what changed since the version written against, or null when nothing did
 * @param selected     the words selected on the text page to be replaced, or null
 * @param backHref     the provision on the text page
 */
record AmendmentPage(ConsultationNav nav, String heading, String label, String current, List<Choice> kinds,
                     String baseVersion, AmendmentForm form, FormErrors errors, List<TrackedChanges.Run> preview,
                     String previewTitle, Stale stale, Selected selected, String backHref) {

    /**
     * Words selected on the text page, to be replaced: said ("You selected ...") and as the characters of the
     * wording's field that js/selection.js selects, so that typing replaces them.
     */
    record Selected(String sentence, int from, int to) {
    }

    /** A radio button of the kind of change. */
    record Choice(String value, String label, String hint, boolean checked) {

        public String id() {
            return "kind-" + value;
        }
    }

    /**
     * The provision changed after the version the delegate wrote against.
     *
     * @param explanation "Provision 2.a has changed since version 5, which you wrote against. It now reads:"
     * @param changes     the provision's wording at that version against its current wording
     * @param current     the current version, for the offer to write against it
     */
    record Stale(String explanation, List<TrackedChanges.Run> changes, int current, String offer) {
    }
}
