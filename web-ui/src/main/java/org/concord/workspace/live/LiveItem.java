package org.concord.workspace.live;

/**
 * One update of the live panel, every string ready to show.
 *
 * @param sentence    what happened, in the page's language: "France (State) commented on provision 3"
 * @param href        where it is: the provision's anchor in the text, the history, the consultation
 * @param time        when, in UTC: "4 December 2026, 10:00 UTC"
 * @param machineTime the same as ISO-8601, for {@code <time datetime>}
 */
record LiveItem(String sentence, String href, String time, String machineTime) {
}
