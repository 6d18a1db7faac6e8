package org.concord.query.history.query;

import org.concord.messages.consultation.Text;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.query.history.query.HistoryDocuments.ProvisionNegotiation;
import org.concord.query.history.query.HistoryDocuments.StoredBracket;
import org.concord.query.negotiation.query.NegotiationText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How the negotiation state of a version (each provision's status and unresolved brackets, only those not
 * plainly OPEN) changes: by a status change or a bracketing while the version is current, and from one version
 * to the next (deleted provisions go; a resolved bracket goes and the brackets after it in its provision move).
 */
final class VersionNegotiation {

    private VersionNegotiation() {
    }

    static List<ProvisionNegotiation> withStatus(List<ProvisionNegotiation> states, String provisionId, ProvisionStatus status) {
        return changed(states, provisionId, state -> new ProvisionNegotiation(provisionId, status, state.brackets()));
    }

    /** The bracket added, unless it is there already. */
    static List<ProvisionNegotiation> withBracket(List<ProvisionNegotiation> states, TextBracketedEvent event) {
        return changed(states, event.provisionId(), state -> {
            if (state.brackets().stream().anyMatch(bracket -> bracket.bracketId().equals(event.bracketId()))) {
                return state;
            }
            List<StoredBracket> brackets = new ArrayList<>(state.brackets());
            brackets.add(new StoredBracket(event.bracketId(), event.start(), event.end(), event.words(), event.note(), event.alternatives()));
            brackets.sort(Comparator.comparingInt(StoredBracket::start));
            return new ProvisionNegotiation(state.provisionId(), state.status(), brackets);
        });
    }

    /** The state a new version starts with: the previous one's, for the provisions still in {@code after}. */
    static List<ProvisionNegotiation> carriedOver(List<ProvisionNegotiation> states, Text after) {
        return states.stream().filter(state -> after.find(state.provisionId()).isPresent()).toList();
    }

    /** Without the resolved bracket; the brackets after it in its provision moved by {@code shift} words. */
    static List<ProvisionNegotiation> resolved(List<ProvisionNegotiation> states, String provisionId, String bracketId, int shift) {
        return changed(states, provisionId, state -> {
            StoredBracket gone = state.brackets().stream().filter(bracket -> bracket.bracketId().equals(bracketId)).findFirst().orElse(null);
            List<StoredBracket> kept = new ArrayList<>();
            for (StoredBracket bracket : state.brackets()) {
                if (bracket.bracketId().equals(bracketId)) {
                    continue;
                }
                kept.add(gone != null && bracket.start() >= gone.end() ? new StoredBracket(bracket.bracketId(), bracket.start() + shift,
                        bracket.end() + shift, bracket.words(), bracket.note(), bracket.alternatives()) : bracket);
            }
            return new ProvisionNegotiation(state.provisionId(), state.status(), kept);
        });
    }

    /** The passages of a provision's brackets, for {@link NegotiationText}. */
    static List<NegotiationText.Passage> passages(ProvisionNegotiation state) {
        return state.brackets().stream().map(bracket -> new NegotiationText.Passage(bracket.start(), bracket.end(),
                bracket.alternatives().stream().map(Alternative::text).toList())).toList();
    }

    private static List<ProvisionNegotiation> changed(List<ProvisionNegotiation> states, String provisionId,
                                                      UnaryOperator<ProvisionNegotiation> change) {
        List<ProvisionNegotiation> changed = new ArrayList<>();
        boolean found = false;
        for (ProvisionNegotiation state : states) {
            ProvisionNegotiation now = state.provisionId().equals(provisionId) ? change.apply(state) : state;
            found |= state.provisionId().equals(provisionId);
            if (!plainlyOpen(now)) {
                changed.add(now);
            }
        }
        if (!found) {
            ProvisionNegotiation now = change.apply(new ProvisionNegotiation(provisionId, ProvisionStatus.OPEN, List.of()));
            if (!plainlyOpen(now)) {
                changed.add(now);
            }
        }
        return changed;
    }

    private static boolean plainlyOpen(ProvisionNegotiation state) {
        return state.status() == ProvisionStatus.OPEN && state.brackets().isEmpty();
    }
}
