package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.participant.Actor;

/**
 * A drafter resolved a bracket: the passage now reads {@code wording}, the kept alternative's
 * ({@code alternativeId}) or a new compromise wording (then {@code alternativeId} is null). The
 * brackets are gone. Resolving always makes a new version, {@code version}, whose change is
 * {@code change} (a REPLACE of the provision with the passage so worded), even when the words stay.
 */
public record BracketResolvedEvent(String consultationId,
                                   String bracketId,
                                   String provisionId,
                                   String alternativeId,
                                   String wording,
                                   String reason,
                                   TextChange change,
                                   int version,
                                   Actor by) implements ConsultationEvent {
}
