package org.concord.messages.consultation;

/** Who may read a consultation: everybody, or participants and drafters only. */
public enum Visibility {
    PUBLIC,
    RESTRICTED
}
