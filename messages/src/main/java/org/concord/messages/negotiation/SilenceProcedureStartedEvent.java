package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;

import java.time.Instant;
import java.util.Set;

/**
 * A drafter put {@code version} under a silence procedure until {@code deadline}, given in
 * {@code timeZone} (an IANA zone id, kept so that everyone reads the deadline as it was set). Unless a
 * participant of a type in {@code breakableBy} breaks silence before then, the text is adopted, or, when
 * {@code provisionId} is set, that provision is agreed.
 */
public record SilenceProcedureStartedEvent(String consultationId,
                                           String procedureId,
                                           String provisionId,
                                           int version,
                                           Instant deadline,
                                           String timeZone,
                                           Set<StakeholderType> breakableBy,
                                           Actor by) implements ConsultationEvent {

    public SilenceProcedureStartedEvent {
        breakableBy = Set.copyOf(breakableBy);
    }
}
