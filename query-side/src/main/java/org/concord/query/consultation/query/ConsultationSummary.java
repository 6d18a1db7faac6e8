package org.concord.query.consultation.query;

import jakarta.annotation.Nullable;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;

import java.time.Instant;

/**
 * One line of the consultation list. {@code round} is the number of the latest round, 0 before the first;
 * {@code deadline} that round's deadline, null before the first; {@code comments} and {@code amendments} how
 * many it has (replies included; amendments whatever became of them).
 */
public record ConsultationSummary(String consultationId, String title, ConsultationStatus status, Visibility visibility,
                                  int version, int round, @Nullable Instant deadline, @Nullable Actor proposer,
                                  long comments, long amendments) {

    public ConsultationSummary withCounts(long comments, long amendments) {
        return new ConsultationSummary(consultationId, title, status, visibility, version, round, deadline, proposer,
                comments, amendments);
    }
}
