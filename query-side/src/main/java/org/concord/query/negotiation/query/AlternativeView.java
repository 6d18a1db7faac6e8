package org.concord.query.negotiation.query;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** An alternative: "Alt 1", "Alt 2", … in order; supporters counted like an amendment's. */
public record AlternativeView(String alternativeId, @Schema(example = "Alt 1") String label, String text, List<String> sponsors,
                             Supporters supporters) {

    public record Supporters(int total, Map<String, Integer> byStakeholderType) {
    }
}
