package org.concord.messages.participant;

/** Every registered participant, in the order they were registered. */
public record FindParticipantsQuery() {
}
