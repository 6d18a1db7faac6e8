package org.concord.query.negotiation.query;

import org.concord.messages.negotiation.Alternative;
import org.concord.messages.participant.Actor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alternative wording of a bracketed passage, its sponsors as the drafter recorded them, and who supports it, as
 * the read models that keep brackets store it (the consultation's open ones, the negotiation's every one). Read and
 * written by the MongoDB driver's record codec, which reads it by reflection (hence public).
 */
public record StoredAlternative(String alternativeId, String text, List<String> sponsors, List<Actor> supporters) {

    public static StoredAlternative of(Alternative alternative) {
        return new StoredAlternative(alternative.alternativeId(), alternative.text(), alternative.sponsors(), List.of());
    }

    /** A bracket's alternatives as the API shows them wherever a bracket is read: labelled in order, supporters counted. */
    public static List<AlternativeView> views(List<StoredAlternative> stored) {
        List<AlternativeView> alternatives = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            StoredAlternative alternative = stored.get(i);
            Map<String, Integer> byType = new TreeMap<>();
            alternative.supporters().forEach(s -> byType.merge(String.valueOf(s.stakeholderType()), 1, Integer::sum));
            alternatives.add(new AlternativeView(alternative.alternativeId(), NegotiationText.label(i), alternative.text(),
                    alternative.sponsors(), new AlternativeView.Supporters(alternative.supporters().size(), byType)));
        }
        return alternatives;
    }
}
