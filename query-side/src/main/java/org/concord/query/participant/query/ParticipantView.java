package org.concord.query.participant.query;

import jakarta.annotation.Nullable;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;

import java.util.Set;

/** A registered participant as everybody may see them; {@code revoked} once their credential was withdrawn. */
public record ParticipantView(String participantId, String organisation, StakeholderType stakeholderType,
                              @Nullable String country, String displayName, Set<Role> roles, boolean revoked) {
}
