package org.concord.command.amendment.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.concord.messages.consultation.ChangeKind;

/** The bodies of the amendment requests. */
final class AmendmentRequests {

    private AmendmentRequests() {
    }

    /** {@code POST /api/consultations/{id}/amendments}. */
    @Schema(example = """
            {"kind": "REPLACE", "provisionId": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "baseVersion": 1,
             "text": "States should license the export of commercial intrusion tools and report on it every year.",
             "justification": "Regulating the sale alone leaves exports through third countries uncovered."}
            """)
    record Propose(@NotNull ChangeKind kind,
                   @NotBlank @Size(max = 64) String provisionId,
                   @NotNull @Min(1) Integer baseVersion,
                   @Size(max = 20000) String text,
                   @Size(max = 32) @Pattern(regexp = "[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*",
                           message = "must be a number like 1, 2.a or 2.a.i") String label,
                   @NotBlank @Size(max = 5000) String justification) {
    }

    /** {@code POST .../amendments/{aid}/accept}: with {@code text}, accepted with modifications. */
    @Schema(example = """
            {"reason": "Agreed at the second plenary, merged with the United Kingdom's proposal",
             "text": "States should license the export of commercial intrusion tools and report on it publicly every year."}
            """)
    record Accept(@NotBlank @Size(max = 5000) String reason, @Size(max = 20000) String text) {
    }

    /** {@code POST .../amendments/{aid}/reject}. */
    @Schema(example = """
            {"reason": "Annual reporting is covered by provision 4."}
            """)
    record Reject(@NotBlank @Size(max = 5000) String reason) {
    }
}
