package org.concord.messages.participant;

import java.util.Set;

/** A delegate may now act for their organisation with the credential whose hash is recorded. */
public record ParticipantRegisteredEvent(String participantId,
                                         String organisation,
                                         StakeholderType stakeholderType,
                                         String country,
                                         String displayName,
                                         Set<Role> roles,
                                         String tokenHash,
                                         Actor registeredBy) {
}
