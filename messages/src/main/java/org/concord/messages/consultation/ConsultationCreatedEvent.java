package org.concord.messages.consultation;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

import java.util.List;

/** A consultation exists, with its text as version 1. */
public record ConsultationCreatedEvent(String consultationId,
                                       String title,
                                       String summary,
                                       Visibility visibility,
                                       List<Provision> provisions,
                                       ConsultationStatus status,
                                       Actor proposer,
                                       int version) implements ConsultationEvent {
}
