package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.participant.Actor;

import java.util.List;

/**
 * A drafter accepted a compromise: its wording replaces the provision in a new version, and each merged
 * amendment is disposed of as MERGED into this compromise.
 */
public record CompromiseAcceptedEvent(String consultationId,
                                      String compromiseId,
                                      String provisionId,
                                      List<String> amendmentIds,
                                      String reason,
                                      TextChange change,
                                      int version,
                                      Actor by) implements ConsultationEvent {

    public CompromiseAcceptedEvent {
        amendmentIds = List.copyOf(amendmentIds);
    }
}
