package org.concord.query.consultation.query;

import jakarta.annotation.Nullable;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;

/** One line of the consultation list. {@code round} is the number of the latest round, 0 before the first. */
public record ConsultationSummary(String consultationId, String title, ConsultationStatus status, Visibility visibility,
                                  int version, int round, @Nullable Actor proposer) {
}
