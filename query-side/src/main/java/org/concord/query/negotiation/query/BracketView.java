package org.concord.query.negotiation.query;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.consultation.query.ProvisionView.AlternativeView;

import java.time.Instant;
import java.util.List;

/**
 * A bracket as the API shows it, unresolved or resolved: words [start, end) of provision {@code provisionId}'s
 * wording in {@code version} (the version it was bracketed in; the consultation shows where an unresolved one
 * stands in the current wording), its alternatives as the consultation shows them, and, once {@code status} is
 * RESOLVED, the wording that replaced the passage and the version that made.
 */
@Schema(name = "Bracket")
public record BracketView(String bracketId, String provisionId, int version, int start, int end, String words, @Nullable String note,
                          List<AlternativeView> alternatives, @Schema(allowableValues = {"OPEN", "RESOLVED"}) String status,
                          @Nullable Resolution resolution, Drafter bracketedBy, Instant bracketedAt) {

    /** The passage's resolution: the kept alternative ({@code alternativeId}, null for a new wording) and the version it made. */
    @Schema(name = "BracketResolution")
    public record Resolution(@Nullable String alternativeId, String wording, String reason, int version, Drafter by, Instant at) {
    }

    /** The drafter who bracketed or resolved it. */
    @Schema(name = "BracketDrafter")
    public record Drafter(String participantId, String organisation, StakeholderType stakeholderType) {

        static Drafter of(Actor actor) {
            return new Drafter(actor.participantId(), actor.organisation(), actor.stakeholderType());
        }
    }
}
