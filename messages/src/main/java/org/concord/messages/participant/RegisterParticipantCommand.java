package org.concord.messages.participant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/**
 * Register the delegate of an organisation with a credential. Only the SHA-256 hash of the token is
 * ever recorded; the token itself is shown once, in the answer.
 */
public record RegisterParticipantCommand(@TargetAggregateIdentifier String participantId,
                                         String organisation,
                                         StakeholderType stakeholderType,
                                         String country,
                                         String displayName,
                                         Set<Role> roles,
                                         String tokenHash,
                                         Actor registeredBy) {
}
