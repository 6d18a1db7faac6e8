package org.concord.query.comment.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.Nullable;
import org.concord.messages.comment.Attribution;
import org.concord.messages.participant.Actor;

import java.time.Instant;
import java.util.List;

/**
 * A comment with its replies, as one reader may see it. For CHATHAM_HOUSE, {@code author} holds only
 * the stakeholder type unless the reader is a drafter or the author.
 */
public record CommentView(String commentId, @Nullable String provisionId, @Nullable String amendmentId, @Nullable String replyTo, String body,
                          Attribution attribution, Author author, Instant postedAt, int round,
                          List<CommentView> replies) {

    /** Who wrote a comment, as far as the reader may know. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Author(@Nullable String participantId, @Nullable String organisation, String stakeholderType) {

        static Author of(Actor actor, boolean masked) {
            String type = actor.stakeholderType() == null ? null : actor.stakeholderType().name();
            return masked ? new Author(null, null, type) : new Author(actor.participantId(), actor.organisation(), type);
        }
    }
}
