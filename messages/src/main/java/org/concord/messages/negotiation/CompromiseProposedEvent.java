package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

import java.time.Instant;
import java.util.List;

/**
 * The chair (a drafter) proposed a compromise wording of a provision that merges several pending
 * amendments to it. {@code parties} are the organisations whose amendments are merged: each consents
 * or objects before {@code deadline}.
 */
public record CompromiseProposedEvent(String consultationId,
                                      String compromiseId,
                                      String provisionId,
                                      String text,
                                      List<String> amendmentIds,
                                      List<String> parties,
                                      Instant deadline,
                                      String note,
                                      Actor by) implements ConsultationEvent {

    public CompromiseProposedEvent {
        amendmentIds = List.copyOf(amendmentIds);
        parties = List.copyOf(parties);
    }
}
