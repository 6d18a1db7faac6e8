package org.concord.messages.comment;

/** Whether a comment's author is shown to everybody, or (Chatham House) only to drafters and the author. */
public enum Attribution {
    ATTRIBUTED,
    CHATHAM_HOUSE
}
