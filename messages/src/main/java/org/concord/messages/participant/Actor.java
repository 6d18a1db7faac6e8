package org.concord.messages.participant;

/**
 * Who did something, as recorded in the event: the participant and the organisation and stakeholder
 * type they spoke for at that moment. {@code stakeholderType} is null for the bootstrap administrator.
 */
public record Actor(String participantId, String organisation, StakeholderType stakeholderType) {
}
