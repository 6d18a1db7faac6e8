package org.concord.command.consultation.web;

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
    record OpenRound(@NotNull Instant deadline) {
    }

    /** {@code POST /api/consultations/{id}/revisions}. */
    record Revision(@NotNull @PositiveOrZero Integer baseVersion,
                    @NotBlank @Size(max = 5000) String reason,
                    @NotEmpty @Size(max = 500) List<@NotNull @Valid Change> changes) {
    }

    /** One change of a revision. */
    record Change(@NotNull ChangeKind kind,
                  @NotBlank @Size(max = 64) String provisionId,
                  @Size(max = 32) @Pattern(regexp = LABEL, message = LABEL_MESSAGE) String label,
                  @Size(max = 20000) String text) {
    }
}
