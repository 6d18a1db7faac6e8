package org.concord.command.consultation.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.concord.messages.consultation.Visibility;

import java.util.List;

/** The body of {@code POST /api/consultations}. */
@Schema(example = """
        {"title": "Pall Mall Process: Code of Practice for States",
         "summary": "Voluntary commitments on the development, sale and use of commercial cyber-intrusion capabilities",
         "visibility": "PUBLIC",
         "provisions": [
           {"label": "1", "text": "States should regulate the sale of commercial intrusion tools."},
           {"label": "2", "text": "Vendors should assess the human-rights risks of each sale."},
           {"label": "2.a", "text": "Assessments should be published, redacted where needed."}]}
        """)
record CreateConsultationRequest(
        @NotBlank @Size(max = 300) String title,
        @Size(max = 5000) String summary,
        @NotNull Visibility visibility,
        @NotEmpty @Size(max = 1000) List<@NotNull @Valid ProvisionRequest> provisions) {

    /** One provision of the initial text. */
    @Schema(example = """
            {"label": "2.a", "text": "Assessments should be published, redacted where needed."}
            """)
    record ProvisionRequest(
            @NotBlank @Size(max = 32)
            @Pattern(regexp = "[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*", message = "must be a number like 1, 2.a or 2.a.i")
            String label,
            @NotBlank @Size(max = 20000) String text) {
    }
}
