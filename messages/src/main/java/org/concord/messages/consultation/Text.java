package org.concord.messages.consultation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A guideline text: its provisions in order. Every version is the previous one with changes applied,
 * so the command side and every read model fold the same way.
 */
public record Text(List<Provision> provisions) {

    public Text {
        provisions = List.copyOf(provisions);
    }

    public Optional<Provision> find(String provisionId) {
        return provisions.stream().filter(p -> p.provisionId().equals(provisionId)).findFirst();
    }

    public boolean hasLabel(String label) {
        return provisions.stream().anyMatch(p -> p.label().equals(label));
    }

    /** The text with one change applied; the change's provision must exist. */
    public Text apply(TextChange change) {
        int at = indexOf(change.provisionId());
        if (at < 0) {
            throw new IllegalArgumentException("No provision " + change.provisionId() + " in the text");
        }
        List<Provision> changed = new ArrayList<>(provisions);
        Provision target = changed.get(at);
        switch (change.kind()) {
            case REPLACE -> changed.set(at, new Provision(target.provisionId(), target.label(), change.text()));
            case INSERT_AFTER -> changed.add(at + 1, new Provision(change.newProvisionId(), change.label(), change.text()));
            case DELETE -> changed.remove(at);
        }
        return new Text(changed);
    }

    /** The provision a change creates or alters: the new one for INSERT_AFTER, else the one it names. */
    public static String changedProvisionId(TextChange change) {
        return change.kind() == ChangeKind.INSERT_AFTER ? change.newProvisionId() : change.provisionId();
    }

    /**
     * Keeps a record of the version each current provision last changed in up to date with a change
     * made in {@code version}: a deleted provision leaves it, a replaced or inserted one is stamped.
     * An amendment is stale when its provision changed after its base version.
     */
    public static void recordChange(Map<String, ? super Integer> changedIn, TextChange change, int version) {
        if (change.kind() == ChangeKind.DELETE) {
            changedIn.remove(change.provisionId());
        } else {
            changedIn.put(changedProvisionId(change), version);
        }
    }

    private int indexOf(String provisionId) {
        for (int i = 0; i < provisions.size(); i++) {
            if (provisions.get(i).provisionId().equals(provisionId)) {
                return i;
            }
        }
        return -1;
    }
}
