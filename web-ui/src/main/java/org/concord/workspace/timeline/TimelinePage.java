package org.concord.workspace.timeline;

import java.util.List;

/**
 * One page of a consultation's timeline, oldest event first.
 *
 * @param intro     what the page shows: how many events, from when to when
 * @param entries   the events of this page
 * @param firstHref the first page, or null on the first page
 * @param nextHref  the page after this one, or null when this is the last
 */
record TimelinePage(String intro, List<Entry> entries, String firstHref, String nextHref) {

    /**
     * @param anchor      a stable anchor, {@code e-<position>}
     * @param time        when, in UTC, in the page's language
     * @param machineTime the same as ISO-8601, for {@code <time datetime>}
     * @param sentence    what happened, in the page's language, with links to what it names
     * @param quoteLabel  "Reason", "Justification", "Comment", or null when there is no quote
     * @param quote       the words the event carried (a reason, a justification, a comment), shortened
     * @param note        a remark such as "under the Chatham House rule", or null
     */
    record Entry(String anchor, String time, String machineTime, List<Part> sentence, String quoteLabel, String quote,
                 String note) {
    }

    /** Part of a sentence: plain text, or a link when {@code link} is true. */
    record Part(String text, String href, boolean link) {
    }
}
