package org.concord.workspace.drafting;

import org.concord.workspace.layout.Formats;

import java.util.List;

/**
 * Who endorsed an adopted text, and the endorsement button for a participant.
 *
 * @param adopted    whether the text is adopted (endorsements come only then)
 * @param mayEndorse whether the reader may endorse it (a participant, the text adopted)
 * @param notice     what the last endorsement form did, or null
 */
record EndorsementsPage(String title, boolean adopted, List<Row> rows, boolean mayEndorse, String formKey, String notice) {

    private static final List<String> NOTICES = List.of("endorsed", "already-endorsed", "not-adopted");

    record Row(String organisation, String stakeholderType, String country, String endorsedAt, String endorsedAtMachine) {
    }

    static String notice(String name, Formats formats) {
        return name != null && NOTICES.contains(name) ? formats.message("endorsements.notice." + name) : null;
    }
}
