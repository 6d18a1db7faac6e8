package org.concord.messages.consultation;

/** How many amendments each consultation has had proposed, whatever became of them. */
public record CountAmendmentsByConsultationQuery() {
}
