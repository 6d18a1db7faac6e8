package org.concord.query.negotiation.query;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;
import java.util.List;

/**
 * The chair's compromise as the API shows it: the wording it proposes for {@code provisionId}, the amendments
 * it merges, each party's answer, the deadline for answers, and where it stands ({@code version}: the version
 * its acceptance made).
 */
@Schema(name = "Compromise")
public record CompromiseView(String compromiseId, String provisionId, String text, List<String> amendmentIds, List<Party> parties,
                             Instant deadline, @Schema(allowableValues = {"PENDING", "ACCEPTED", "WITHDRAWN"}) String status,
                             @Nullable Integer version, ProposedBy proposedBy, Instant proposedAt, @Nullable String note) {

    /** An organisation whose amendment the compromise merges; {@code answer} null until it consents or objects. */
    @Schema(name = "CompromiseParty")
    public record Party(String organisation, @Nullable Answer answer, @Nullable String reason, @Nullable Instant at) {
    }

    /**
     * A party's answer. An enum rather than a string with allowed values: the document then says the answer may be
     * null too (a string's allowed values would refuse the null of a party that has not answered).
     */
    public enum Answer {
        CONSENTED, OBJECTED
    }

    /** The drafter who proposed it. */
    @Schema(name = "CompromiseProposer")
    public record ProposedBy(String participantId, String organisation, StakeholderType stakeholderType) {
    }
}
