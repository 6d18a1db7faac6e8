package org.concord.messages.participant;

/** What a credential allows its holder to do. */
public enum Role {
    PARTICIPANT,
    DRAFTER,
    OBSERVER,
    ADMIN
}
