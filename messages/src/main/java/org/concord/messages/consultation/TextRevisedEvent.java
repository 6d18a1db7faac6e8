package org.concord.messages.consultation;

import org.concord.messages.consultation.ConsultationEvent;
import java.util.List;
import org.concord.messages.participant.Actor;

/** A drafter's revision made a new version of the text. */
public record TextRevisedEvent(String consultationId,
                               int version,
                               int baseVersion,
                               String reason,
                               List<TextChange> changes,
                               Actor by) implements ConsultationEvent {
}
