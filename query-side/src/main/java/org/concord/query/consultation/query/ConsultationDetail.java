package org.concord.query.consultation.query;

import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;

import java.time.Instant;
import java.util.List;

/** A consultation with its current text; {@code round} is null until a first round opens. */
public record ConsultationDetail(String consultationId, String title, String summary, ConsultationStatus status,
                                 Visibility visibility, int version, Actor proposer, Round round,
                                 List<Provision> provisions, Instant createdAt) {

    /** The current comment round. */
    public record Round(int number, Instant deadline, String status) {
    }
}
