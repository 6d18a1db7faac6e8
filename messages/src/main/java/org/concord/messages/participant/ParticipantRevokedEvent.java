package org.concord.messages.participant;

/** The credential with this hash no longer authenticates anyone. */
public record ParticipantRevokedEvent(String participantId, String tokenHash, Actor revokedBy) {
}
