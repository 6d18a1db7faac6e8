package org.concord.messages.consultation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;

/** An organisation signed the adopted text. */
public record ConsultationEndorsedEvent(String consultationId,
                                        String organisation,
                                        StakeholderType stakeholderType,
                                        String country,
                                        Actor by) implements ConsultationEvent {
}
