package org.concord.messages.negotiation;

import java.util.List;

/**
 * One wording offered for a bracketed passage ("Alt 1", "Alt 2", in order), with the organisations
 * that sponsor it as the drafter recorded them.
 */
public record Alternative(String alternativeId, String text, List<String> sponsors) {

    public Alternative {
        sponsors = sponsors == null ? List.of() : List.copyOf(sponsors);
    }
}
