package org.concord.messages.comment;

/**
 * The words of a provision a comment is on: words [start, end) of the provision's wording in
 * {@code version}, counted as a selection counts them ({@link org.concord.messages.consultation.Words}),
 * and {@code quote}, those words as they read in that version, kept for when an edit removes them.
 */
public record CommentAnchor(int version, int start, int end, String quote) {
}
