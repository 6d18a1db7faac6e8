package org.concord.workspace.history;

import java.util.List;

/**
 * The versions of a consultation's text, newest first, a page at a time, with the two forms.
 *
 * @param summary  "10 versions; the current one is version 10"
 * @param range    "Versions 2,000 to 1,901 of 2,000", or empty when they all fit on one page
 * @param rows     this page's versions, newest first
 * @param newerHref the page of newer versions, or empty
 * @param olderHref the page of older versions, or empty
 */
record HistoryPage(String summary, String range, List<Row> rows, String newerHref, String olderHref,
                   Forms.Compare compare, Forms.AsOf asOf) {

    public boolean paged() {
        return !range.isEmpty();
    }

    public boolean hasNewer() {
        return !newerHref.isEmpty();
    }

    public boolean hasOlder() {
        return !olderHref.isEmpty();
    }

    /**
     * One version.
     *
     * @param anchor      {@code v-<n>}, a stable anchor
     * @param title       "Version 3", and "(current)" for the current one
     * @param href        its text
     * @param created     when it was made, in words
     * @param createdMachine the same, ISO-8601, for {@code <time datetime>}
     * @param cause       why it exists, in words
     * @param reason      the drafter's reason for accepting an amendment, or empty
     * @param diffHref    the changes from the version before, or empty for version 1
     * @param diffLabel   the words of that link
     */
    record Row(String anchor, String title, String href, String created, String createdMachine, String cause,
               String reason, String diffHref, String diffLabel) {

        public boolean hasReason() {
            return !reason.isEmpty();
        }

        public boolean hasDiff() {
            return !diffHref.isEmpty();
        }
    }
}
