package org.concord.messages.history;

/** Every wording one provision has had, oldest first. */
public record FindProvisionHistoryQuery(String consultationId, String provisionId) {
}
