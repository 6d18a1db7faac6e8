package org.concord.workspace.drafting;

import org.concord.workspace.consultation.TrackedChanges;
import org.concord.workspace.form.FormErrors;
import org.concord.workspace.layout.ConsultationNav;

import java.util.List;

/**
 * The decisions board: the pending amendments grouped by provision in the order of the text, competing ones
 * side by side, stale ones flagged, each with its decision form; and, for a provision with several, one form
 * that decides them all at once.
 *
 * @param groups the provisions with pending amendments, in text order; then those no longer in the text
 * @param errors what was wrong with the last decision sent, shown beside its card's reason
 * @param notice what the last decision did, or null
 */
record DecisionsPage(ConsultationNav nav, String heading, String intro, List<Group> groups, FormErrors errors, String notice) {

    /**
     * One provision's pending amendments.
     *
     * @param heading   "Provision 2.a: 3 competing amendments"
     * @param current   the provision's wording now (empty when it is no longer in the text)
     * @param competing whether more than one amendment is pending on it
     * @param bulkKey   the form key of its "decide them all" form
     */
    record Group(String provisionId, String anchor, String heading, String current, boolean competing, List<Card> cards,
                 String bulkKey) {
    }

    /**
     * One pending amendment.
     *
     * @param heading    "New wording proposed by France (State)"
     * @param changes    the amendment as tracked changes against the current wording
     * @param facts      written against, supports, proposed when
     * @param stale      why it is stale, or empty
     * @param acceptable whether it can be accepted as proposed (a stale one only with merged wording)
     * @param mergeHref  the merge editor
     * @param formKey    the key of its decision form
     */
    record Card(String amendmentId, String anchor, String heading, List<TrackedChanges.Run> changes, String justification,
                List<String> facts, String stale, boolean acceptable, boolean mergeable, String mergeHref, String formKey, String reason) {

        public String reasonId() {
            return "reason-" + amendmentId;
        }
    }
}
