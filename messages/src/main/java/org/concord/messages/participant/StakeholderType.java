package org.concord.messages.participant;

/** The kind of organisation a participant speaks for. */
public enum StakeholderType {
    STATE,
    INTERNATIONAL_ORGANISATION,
    COMPANY,
    NGO,
    ACADEMIA
}
