package org.concord.workspace.consultation;

import java.util.List;

/**
 * Two wordings as tracked changes, for any page that shows what a proposal or a decision would change (the
 * amendment form's preview, the decisions board): the runs of {@link WordDiff}, each inserted, deleted or kept.
 * Rendered by {@code consultation-parts :: changes(runs)}.
 */
public final class TrackedChanges {

    private TrackedChanges() {
    }

    /** A stretch of text only the new wording has ({@code inserted}), only the old one ({@code deleted}), or both. */
    public record Run(boolean inserted, boolean deleted, String text) {
    }

    public static List<Run> between(String before, String after) {
        return WordDiff.diff(before == null ? "" : before, after == null ? "" : after).stream()
                .map(run -> new Run(run.op() == WordDiff.Op.INSERT, run.op() == WordDiff.Op.DELETE, run.text()))
                .toList();
    }
}
