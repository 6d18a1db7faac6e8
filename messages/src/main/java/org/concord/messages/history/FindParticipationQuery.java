package org.concord.messages.history;

/** Who took part in a consultation and how: counts by stakeholder type and by country. */
public record FindParticipationQuery(String consultationId) {
}
