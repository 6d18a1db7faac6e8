package org.concord.query.history.query;

import org.concord.messages.consultation.Provision;
import org.concord.query.history.query.HistoryViews.ProvisionChange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The difference between two texts, provision by provision (matched by their stable ids), in the
 * order of the newer text; a removed provision is listed where it stood, after the provision that
 * preceded it and survived.
 */
final class TextDiff {

    /**
     * The word-comparison steps one diff may take over all its provisions, some quarter of a second at worst
     * ({@link WordDiff.Budget}); the provisions compared after it is spent get the coarse difference.
     */
    static final long STEPS_PER_DIFF = 5 * WordDiff.STEPS_PER_COMPARISON;

    private TextDiff() {
    }

    static List<ProvisionChange> between(List<Provision> from, List<Provision> to) {
        Map<String, Provision> before = new HashMap<>();
        from.forEach(p -> before.put(p.provisionId(), p));
        Map<String, Provision> after = new HashMap<>();
        to.forEach(p -> after.put(p.provisionId(), p));

        WordDiff.Budget budget = new WordDiff.Budget(STEPS_PER_DIFF);
        Map<String, List<Provision>> removedAfter = new HashMap<>();
        String anchor = null;
        for (Provision provision : from) {
            if (after.containsKey(provision.provisionId())) {
                anchor = provision.provisionId();
            } else {
                removedAfter.computeIfAbsent(anchor, a -> new ArrayList<>()).add(provision);
            }
        }
        List<ProvisionChange> changes = new ArrayList<>();
        removedAfter.getOrDefault(null, List.of()).forEach(p -> changes.add(removed(p)));
        for (Provision provision : to) {
            Provision was = before.get(provision.provisionId());
            if (was == null) {
                changes.add(new ProvisionChange(provision.provisionId(), provision.label(), "ADDED", null, provision.text(),
                        List.of(new InlineDiff.Run(InlineDiff.Op.INSERT, provision.text()))));
            } else if (!Objects.equals(was.text(), provision.text()) || !Objects.equals(was.label(), provision.label())) {
                changes.add(new ProvisionChange(provision.provisionId(), provision.label(), "MODIFIED", was.text(), provision.text(),
                        InlineDiff.between(was.text(), provision.text(), budget)));
            }
            removedAfter.getOrDefault(provision.provisionId(), List.of()).forEach(p -> changes.add(removed(p)));
        }
        return changes;
    }

    private static ProvisionChange removed(Provision provision) {
        return new ProvisionChange(provision.provisionId(), provision.label(), "REMOVED", provision.text(), null,
                List.of(new InlineDiff.Run(InlineDiff.Op.DELETE, provision.text())));
    }
}
