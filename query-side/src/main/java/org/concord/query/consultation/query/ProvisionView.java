package org.concord.query.consultation.query;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import org.concord.messages.consultation.Provision;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.query.negotiation.query.AlternativeView;
import org.concord.query.negotiation.query.NegotiationText;
import org.concord.query.negotiation.query.StoredAlternative;

import java.time.Instant;
import java.util.List;

/**
 * A current provision as the API shows it: its wording ({@code text}), how far it is from agreement
 * ({@code status}), its unresolved brackets, the delegations' ad referendum agreements, and
 * {@code negotiationText}, the wording with its brackets in plain text ({@code text} when there is none).
 */
@Schema(name = "CurrentProvision")
public record ProvisionView(String provisionId, String label, String text, ProvisionStatus status, List<BracketView> brackets,
                            AdReferendumView adReferendum, String negotiationText) {

    /** A bracketed passage: words [start, end) of {@code text}, and the alternatives that stand for it (maybe none). */
    public record BracketView(String bracketId, int start, int end, String words, @Nullable String note,
                              List<AlternativeView> alternatives) {
    }

    /** The delegations that agreed ad referendum: pending confirmation by their capital since, or confirmed at. */
    public record AdReferendumView(List<Pending> pending, List<Confirmed> confirmed) {
    }

    public record Pending(String organisation, Instant since) {
    }

    public record Confirmed(String organisation, Instant at) {
    }

    /** The wording as a plain Provision, for what only needs the text. */
    public Provision provision() {
        return new Provision(provisionId, label, text);
    }

    /** A provision nobody has negotiated yet: OPEN, no brackets, no ad referendum record. */
    public static ProvisionView open(Provision provision) {
        return of(provision, null);
    }

    static ProvisionView of(Provision provision, @Nullable StoredNegotiation.ProvisionState state) {
        StoredNegotiation.ProvisionState shown = state == null ? StoredNegotiation.ProvisionState.open(provision.provisionId()) : state;
        List<BracketView> brackets = shown.brackets().stream().map(ProvisionView::bracket).toList();
        List<NegotiationText.Passage> passages = shown.brackets().stream().map(bracket -> new NegotiationText.Passage(bracket.start(),
                bracket.end(), bracket.alternatives().stream().map(StoredAlternative::text).toList())).toList();
        return new ProvisionView(provision.provisionId(), provision.label(), provision.text(), shown.status(), brackets,
                new AdReferendumView(shown.pending().stream().map(record -> new Pending(record.organisation(), record.at())).toList(),
                        shown.confirmed().stream().map(record -> new Confirmed(record.organisation(), record.at())).toList()),
                NegotiationText.negotiation(provision.text(), passages));
    }

    private static BracketView bracket(StoredNegotiation.Bracket bracket) {
        return new BracketView(bracket.bracketId(), bracket.start(), bracket.end(), bracket.words(), bracket.note(),
                StoredAlternative.views(bracket.alternatives()));
    }
}
