package org.concord.workspace.drafting;

import org.concord.workspace.consultation.TrackedChanges;
import org.concord.workspace.form.FormErrors;
import org.concord.workspace.form.FormKey;
import org.concord.workspace.layout.ConsultationNav;

import java.util.List;

/**
 * The merge editor: accepting an amendment with the drafter's own wording. Both wordings are shown (now, and
 * as proposed, with the changes between them), and the editor starts from either; a preview shows the result
 * against the current wording before it is accepted.
 *
 * @param staleNotice why the drafter was sent here (the amendment is stale and cannot be accepted as proposed), or null
 * @param deletion    whether the amendment deletes the provision (nothing to merge: accept or reject it on the board)
 */
record MergePage(ConsultationNav nav, String heading, String author, String current, String proposed,
                 List<TrackedChanges.Run> proposedChanges, boolean stale, String staleNotice, Form form, FormErrors errors,
                 List<TrackedChanges.Run> preview, String actionPath, String startFromCurrent, String startFromProposed,
                 String backHref, boolean deletion) {

    /** The merged wording, the reason, and the form's key. */
    record Form(String text, String reason, String formKey) {

        Form again() {
            return new Form(text, reason, FormKey.fresh());
        }
    }
}
