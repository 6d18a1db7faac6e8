package org.concord.workspace.drafting;

import org.concord.workspace.form.FormErrors;
import org.concord.workspace.layout.ConsultationNav;

import java.util.List;

/**
 * The form that opens a round: the deadline's date, time and time zone, and once previewed, the deadline said
 * in that zone and in UTC.
 *
 * @param preview the deadline in words, or null before a preview
 * @param zones   the time zones offered, the chosen one selected
 * @param warning why the round cannot be opened now (one is already open), or null
 */
record RoundPage(ConsultationNav nav, String heading, RoundForm form, FormErrors errors, String preview, List<Zone> zones,
                 String backHref, String warning) {

    record Zone(String id, String name, boolean selected) {
    }
}
