package org.concord.workspace.timeline;

import java.util.List;

/**
 * The decision on every amendment of a consultation: who proposed what, who supported it, what the
 * drafters decided and why, and the version it made.
 *
 * @param intro   how many amendments, and how many of them were decided
 * @param caption the table's caption
 * @param csvHref the same table as CSV, relayed from the API as the reader
 * @param rows    one per amendment, in the API's order
 */
record DispositionsPage(String intro, String caption, String csvHref, List<Row> rows) {

    /**
     * @param anchor        a stable anchor, {@code a-<amendmentId>}, that other pages link to
     * @param amendment     the amendment's short id
     * @param provision     "3", or "new 3.b, after 3" for an insertion
     * @param provisionHref the provision in the current text, or null when it is no longer there
     * @param statusCode    the status, for its style
     * @param status        the decision in words
     * @param decidedAt     when, in UTC, or empty while undecided
     * @param version       "version 4", or empty when no version came of it
     * @param versionHref   that version, or null
     */
    record Row(String anchor, String amendment, String organisation, String stakeholderType, String kind,
               String provision, String provisionHref, String round, String supporters, String statusCode, String status,
               String reason, String decidedAt, String decidedAtMachine, String version, String versionHref) {
    }
}
