package org.concord.query.negotiation.query;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;
import java.util.List;

/**
 * A silence procedure as the API shows it: the whole text ({@code provisionId} null) or one provision, put
 * under silence at {@code version} until {@code deadline} (an instant; {@code deadlineLocal} is that instant
 * in {@code timeZone}, as the drafter set it). {@code status}: RUNNING, BROKEN (by {@code brokenBy}, for
 * {@code reason}) or COMPLETED (it passed); {@code endedAt} when it ended.
 */
@Schema(name = "SilenceProcedure")
public record SilenceView(String procedureId, @Nullable String provisionId, int version, Instant deadline, String timeZone,
                          @Schema(example = "2026-12-20T18:00") String deadlineLocal, List<StakeholderType> breakableBy,
                          @Schema(allowableValues = {"RUNNING", "BROKEN", "COMPLETED"}) String status,
                          @Nullable BrokenBy brokenBy, @Nullable String reason, Instant startedAt, @Nullable Instant endedAt) {

    /** Who broke silence. */
    public record BrokenBy(String participantId, String organisation, StakeholderType stakeholderType) {
    }
}
