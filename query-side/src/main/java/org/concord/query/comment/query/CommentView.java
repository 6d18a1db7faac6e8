package org.concord.query.comment.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.Nullable;
import org.concord.messages.comment.Attribution;
import org.concord.messages.participant.Actor;

import java.time.Instant;
import java.util.List;

/**
 * A comment with its replies, as one reader may see it. For CHATHAM_HOUSE, {@code author} holds only
 * the stakeholder type unless the reader is a drafter or the author. {@code anchor} is null unless the
 * comment is on some words of its provision.
 */
public record CommentView(String commentId, @Nullable String provisionId, @Nullable Anchor anchor, @Nullable String amendmentId,
                          @Nullable String replyTo, String body, Attribution attribution, Author author, Instant postedAt, int round,
                          List<CommentView> replies) {

    /**
     * The words a comment is on: words [start, end) of its provision in {@code version}, which read {@code quote};
     * {@code current}, where they are in the current text, or null when they were all removed.
     */
    public record Anchor(int version, int start, int end, String quote, AnchorStatus status, @Nullable Current current) {
    }

    /** Where the words commented on are in the current text: words [start, end) of the provision in {@code version}, which read {@code text}. */
    public record Current(int version, int start, int end, String text) {
    }

    /**
     * What became of the words commented on: CURRENT, at the same words reading the same; MOVED, all there and
     * reading the same at other words; CHANGED, some there but reading otherwise (words deleted, replaced or
     * added among them, or the white space between them changed); REMOVED, none there, or the provision deleted.
     */
    public enum AnchorStatus {
        CURRENT, MOVED, CHANGED, REMOVED
    }

    /** Who wrote a comment, as far as the reader may know. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Author(@Nullable String participantId, @Nullable String organisation, String stakeholderType) {

        static Author of(Actor actor, boolean masked) {
            String type = actor.stakeholderType() == null ? null : actor.stakeholderType().name();
            return masked ? new Author(null, null, type) : new Author(actor.participantId(), actor.organisation(), type);
        }
    }
}
