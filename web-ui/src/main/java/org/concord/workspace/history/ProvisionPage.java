package org.concord.workspace.history;

import java.util.List;

/**
 * One provision's wordings over time, oldest first: each version that changed it.
 *
 * @param title    "History of provision 2.a.i"
 * @param summary  "3 wordings; deleted in version 9" and the like
 * @param wordings oldest first
 */
record ProvisionPage(String title, String summary, List<Wording> wordings) {

    /**
     * @param anchor      {@code v-<n>}
     * @param title       "Version 3", linking to the text of that version at this provision
     * @param href        that link
     * @param created     when that version was made, or empty if the versions list did not have it
     * @param createdMachine the same, ISO-8601
     * @param label       "Provision 2.a.i"
     * @param text        the wording, exactly; empty when deleted
     * @param deleted     "Deleted in version 9", or empty
     * @param cause       why, in words
     * @param reason      the drafter's reason for accepting an amendment, or empty
     * @param diffHref    the word-by-word changes from the wording before, or empty for the first
     * @param diffLabel   the words of that link
     */
    record Wording(String anchor, String title, String href, String created, String createdMachine, String label, String text,
                   String deleted, String cause, String reason, String diffHref, String diffLabel) {

        public boolean wasDeleted() {
            return !deleted.isEmpty();
        }

        public boolean hasReason() {
            return !reason.isEmpty();
        }

        public boolean hasDiff() {
            return !diffHref.isEmpty();
        }

        public boolean hasCreated() {
            return !created.isEmpty();
        }
    }
}
