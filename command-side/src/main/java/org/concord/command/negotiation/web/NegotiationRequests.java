package org.concord.command.negotiation.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The bodies of the negotiation requests (issue #20). */
final class NegotiationRequests {

    private NegotiationRequests() {
    }

    /** {@code POST .../provisions/{pid}/status}. */
    @Schema(example = """
            {"status": "AGREED", "reason": "Agreed at the third plenary."}
            """)
    record SetStatus(@NotNull ProvisionStatus status, @NotBlank @Size(max = 5000) String reason) {
    }

    /** {@code POST .../provisions/{pid}/brackets}: words [start, end) of the provision as worded in {@code version}. */
    @Schema(name = "BracketRequest", example = """
            {"version": 3, "start": 2, "end": 4, "note": "Scope still open",
             "alternatives": [{"text": "license", "sponsors": ["France"]}, {"text": "register", "sponsors": ["Japan"]}]}
            """)
    record Bracket(@NotNull @Min(1) Integer version,
                   @NotNull @Min(0) Integer start,
                   @NotNull @Min(1) Integer end,
                   @Size(max = 5) List<@Valid @NotNull Alternative> alternatives,
                   @Size(max = 5000) String note) {
    }

    /** One alternative wording offered for a bracketed passage. */
    record Alternative(@NotBlank @Size(max = 20000) String text,
                       @Size(max = 50) List<@NotBlank @Size(max = 200) String> sponsors) {
    }

    /** {@code POST .../brackets/{bid}/resolve}: exactly one of {@code alternativeId} and {@code text}. */
    @Schema(example = """
            {"alternativeId": "3f1c9a3e-8a55-4c8b-9a57-1d2c3b4a5f60", "reason": "Alt 1 gathered consensus."}
            """)
    record Resolve(@Size(max = 64) String alternativeId, @Size(max = 20000) String text, @NotBlank @Size(max = 5000) String reason) {
    }

    /** {@code POST .../compromises}. */
    @Schema(example = """
            {"provisionId": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
             "text": "States shall license and register the export of intrusion tools.",
             "amendmentIds": ["a1", "a2"], "deadline": "2026-12-20T17:00:00Z", "note": "Merges France's and Japan's proposals."}
            """)
    record ProposeCompromise(@NotBlank @Size(max = 64) String provisionId,
                             @NotBlank @Size(max = 20000) String text,
                             @NotNull @Size(min = 2, max = 20) List<@NotBlank @Size(max = 64) String> amendmentIds,
                             @NotNull Instant deadline,
                             @Size(max = 5000) String note) {
    }

    /** A decision or an answer that needs a reason: object, accept, withdraw, break silence. */
    @Schema(example = """
            {"reason": "The wording drops the reporting duty."}
            """)
    record Reason(@NotBlank @Size(max = 5000) String reason) {
    }

    /** {@code POST .../provisions/{pid}/ad-referendum}: the body is optional. */
    @Schema(example = """
            {"note": "Subject to confirmation by the ministry."}
            """)
    record AgreeAdReferendum(@Size(max = 5000) String note) {
    }

    /**
     * {@code POST .../silence}: {@code deadline} a local date-time without offset, read in {@code timeZone} (an IANA id);
     * without {@code provisionId}, the whole text.
     */
    @Schema(example = """
            {"deadline": "2026-12-20T18:00", "timeZone": "Europe/Paris", "breakableBy": ["STATE"]}
            """)
    record StartSilence(@Size(max = 64) String provisionId,
                        @NotBlank @Size(max = 40) String deadline,
                        @NotBlank @Size(max = 64) String timeZone,
                        @Size(min = 1, max = 5) Set<@NotNull StakeholderType> breakableBy) {
    }
}
