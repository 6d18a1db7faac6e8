package org.concord.command.consultation.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.concord.messages.consultation.ChangeKind;

import java.time.Instant;
import java.util.List;

/** The bodies of the drafters' lifecycle requests. */
final class ConsultationRequests {

    static final String LABEL = "[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*";
    static final String LABEL_MESSAGE = "must be a number like 1, 2.a or 2.a.i";

    private ConsultationRequests() {
    }

    /** {@code POST /api/consultations/{id}/rounds}. */
    @Schema(example = """
            {"deadline": "2026-06-30T17:00:00Z"}
            """)
    record OpenRound(@NotNull Instant deadline) {
    }

    /** {@code POST /api/consultations/{id}/revisions}. */
    @Schema(example = """
            {"baseVersion": 3, "reason": "Outcome of the second round: spyware vendors' due diligence",
             "changes": [
               {"kind": "REPLACE", "provisionId": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                "text": "States should license and publicly register vendors of commercial intrusion tools."},
               {"kind": "INSERT_AFTER", "provisionId": "9b2d4c1a-6e0f-4f3b-8a57-2c4d7e1f0b93", "label": "2.b",
                "text": "Vendors should refuse sales where the risk of misuse against journalists is high."},
               {"kind": "DELETE", "provisionId": "3f2504e0-4f89-41d3-9a0c-0305e82c3301"}]}
            """)
    record Revision(@NotNull @PositiveOrZero Integer baseVersion,
                    @NotBlank @Size(max = 5000) String reason,
                    @NotEmpty @Size(max = 500) List<@NotNull @Valid Change> changes) {
    }

    /** One change of a revision. */
    @Schema(example = """
            {"kind": "REPLACE", "provisionId": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
             "text": "States should license and publicly register vendors of commercial intrusion tools."}
            """)
    record Change(@NotNull ChangeKind kind,
                  @NotBlank @Size(max = 64) String provisionId,
                  @Size(max = 32) @Pattern(regexp = LABEL, message = LABEL_MESSAGE) String label,
                  @Size(max = 20000) String text) {
    }
}
