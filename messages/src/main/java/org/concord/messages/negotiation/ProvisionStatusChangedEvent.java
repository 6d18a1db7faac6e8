package org.concord.messages.negotiation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/**
 * A provision's status changed: set by a drafter, or by the negotiation itself (bracketing a passage
 * brackets the provision, resolving its last bracket reopens it, a silence procedure on it that passed
 * agrees it). {@code reason} says why, in the drafter's words or Concord's.
 */
public record ProvisionStatusChangedEvent(String consultationId,
                                          String provisionId,
                                          ProvisionStatus from,
                                          ProvisionStatus to,
                                          String reason,
                                          Actor by) implements ConsultationEvent {
}
