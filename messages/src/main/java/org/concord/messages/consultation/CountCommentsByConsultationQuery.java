package org.concord.messages.consultation;

/** How many comments, replies included, each consultation has. */
public record CountCommentsByConsultationQuery() {
}
