package org.concord.workspace.consultations;

import java.util.List;

/**
 * The list of consultations the reader may see.
 *
 * @param filter   the status the list is filtered by, or null for all
 * @param statuses the filter's choices
 * @param rows     one per consultation, in the API's order
 */
record ConsultationsPage(String filter, List<StatusOption> statuses, List<Row> rows) {

    record StatusOption(String code, String label, boolean selected) {
    }

    /**
     * @param deadline        the current round's deadline, or empty when there is no open round
     * @param deadlineMachine the same as an ISO-8601 instant, for {@code <time datetime>}
     * @param timeLeft        "2 days and 3 hours left", "deadline passed", or empty
     */
    record Row(String href, String title, String statusCode, String status, String visibility, boolean restricted,
               String round, String deadline, String deadlineMachine, String timeLeft, String comments,
               String amendments) {
    }
}
