package org.concord.messages.comment;

/**
 * Words [start, end) of a provision's wording in {@code version}, counted as a selection counts them
 * ({@link org.concord.messages.consultation.Words}): what a participant selected to comment on.
 */
public record WordSelection(int version, int start, int end) {
}
