package org.concord.query.consultation.query;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import org.concord.messages.consultation.Provision;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.query.negotiation.query.NegotiationText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** An alternative: "Alt 1", "Alt 2", … in order; supporters counted like an amendment's. */
    public record AlternativeView(String alternativeId, @Schema(example = "Alt 1") String label, String text, List<String> sponsors,
                                  Supporters supporters) {
    }

    public record Supporters(int total, Map<String, Integer> byStakeholderType) {
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
                bracket.end(), bracket.alternatives().stream().map(StoredNegotiation.StoredAlternative::text).toList())).toList();
        return new ProvisionView(provision.provisionId(), provision.label(), provision.text(), shown.status(), brackets,
                new AdReferendumView(shown.pending().stream().map(record -> new Pending(record.organisation(), record.at())).toList(),
                        shown.confirmed().stream().map(record -> new Confirmed(record.organisation(), record.at())).toList()),
                NegotiationText.negotiation(provision.text(), passages));
    }

    private static BracketView bracket(StoredNegotiation.Bracket bracket) {
        return new BracketView(bracket.bracketId(), bracket.start(), bracket.end(), bracket.words(), bracket.note(),
                alternatives(bracket.alternatives()));
    }

    /** A bracket's alternatives as the API shows them wherever a bracket is read: labelled in order, supporters counted. */
    public static List<AlternativeView> alternatives(List<StoredNegotiation.StoredAlternative> stored) {
        List<AlternativeView> alternatives = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            StoredNegotiation.StoredAlternative alternative = stored.get(i);
            Map<String, Integer> byType = new TreeMap<>();
            alternative.supporters().forEach(s -> byType.merge(String.valueOf(s.stakeholderType()), 1, Integer::sum));
            alternatives.add(new AlternativeView(alternative.alternativeId(), NegotiationText.label(i), alternative.text(),
                    alternative.sponsors(), new Supporters(alternative.supporters().size(), byType)));
        }
        return alternatives;
    }
}
