package org.concord.workspace.drafting;

import org.concord.workspace.consultation.TrackedChanges;
import org.concord.workspace.form.FormErrors;
import org.concord.workspace.layout.ConsultationNav;

import java.util.List;

/**
 * The revision form: each provision's wording to edit or delete, one provision to insert, the reason; once
 * previewed, every change as tracked changes.
 *
 * @param preview the changes as tracked changes, or null before a preview
 * @param warning why the text cannot be revised now (a round is open, or it is adopted), or null
 */
record RevisionPage(ConsultationNav nav, String heading, String base, List<Row> rows, RevisionForm form, FormErrors errors,
                    List<Change> preview, String warning, String backHref) {

    /** A provision of the text in the form. */
    record Row(String provisionId, String label, String text, boolean deleted, boolean insertAfter) {

        public String textId() {
            return "text-" + provisionId;
        }

        public String deleteId() {
            return "delete-" + provisionId;
        }
    }

    /** One change of the preview: what it is ("Provision 2.a would read:") and its tracked changes. */
    record Change(String title, List<TrackedChanges.Run> runs) {
    }
}
