package org.concord.workspace.history;

import java.util.List;

/**
 * The word-level changes between two versions, or the form to choose them again when they could not be read.
 *
 * @param title   the page's heading
 * @param about   "From version 3 (date) to version 7 (date)", or empty when the versions were not read
 * @param count   "2 provisions changed", or empty
 * @param noChange the message that nothing changed, or empty
 * @param changes the changed provisions, in the API's order
 * @param links   the texts of both versions
 * @param compare the form
 * @param errors  the error summary, empty without errors
 */
record DiffPage(String title, String about, String count, String noChange, List<Change> changes, List<TextPage.Link> links,
                Forms.Compare compare, List<Forms.Error> errors) {

    public boolean hasAbout() {
        return !about.isEmpty();
    }

    public boolean hasCount() {
        return !count.isEmpty();
    }

    public boolean hasNoChange() {
        return !noChange.isEmpty();
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /**
     * @param anchor      {@code p-<provisionId>}
     * @param title       "Provision 2.a.i"
     * @param change      "added", "removed", "modified"
     * @param heading     both: "Provision 2.a.i: modified"
     * @param runs        the words, with the insertions and deletions
     * @param historyHref the provision's wordings over time
     * @param historyLabel the words of that link
     */
    record Change(String anchor, String title, String change, String heading, List<DiffRuns.RunView> runs, String historyHref, String historyLabel) {
    }
}
