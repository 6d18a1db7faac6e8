package org.concord.messages.consultation;

/** How a change touches one provision. */
public enum ChangeKind {
    /** New wording for the provision. */
    REPLACE,
    /** A new provision after it. */
    INSERT_AFTER,
    /** The provision goes. */
    DELETE
}
