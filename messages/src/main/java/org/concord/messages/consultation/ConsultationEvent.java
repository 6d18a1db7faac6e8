package org.concord.messages.consultation;

/**
 * An event that happened to one consultation: to its text, its rounds, its amendments or its
 * comments. Read models that must see a consultation's events in the order they happened sequence
 * them by this id.
 */
public interface ConsultationEvent {

    String consultationId();
}
