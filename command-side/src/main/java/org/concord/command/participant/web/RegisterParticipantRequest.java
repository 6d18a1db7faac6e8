package org.concord.command.participant.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;

import java.util.Set;

/** The body of {@code POST /api/participants}. */
@Schema(example = """
        {"organisation": "France", "stakeholderType": "STATE", "country": "FR",
         "displayName": "Delegation of France", "roles": ["PARTICIPANT"]}
        """)
record RegisterParticipantRequest(
        @NotBlank @Size(max = 200) String organisation,
        @NotNull StakeholderType stakeholderType,
        @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as FR") String country,
        @NotBlank @Size(max = 200) String displayName,
        @NotEmpty Set<@NotNull Role> roles) {
}
