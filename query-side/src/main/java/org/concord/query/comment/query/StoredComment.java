package org.concord.query.comment.query;

import jakarta.annotation.Nullable;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentAnchor;
import org.concord.messages.participant.Actor;

import java.time.Instant;

/**
 * A comment as the comments read model stores it, one document per comment, read and written by the MongoDB
 * driver's record codec: each field's name is written once, here. The author is stored whole (a reader's
 * Chatham House masking happens when read); the anchor as posted, placed in the current text when read.
 * Public because the codec reads it by reflection.
 */
public record StoredComment(@BsonId String commentId,
                     @BsonProperty(CONSULTATION_ID) String consultationId,
                     @Nullable String provisionId,
                     @Nullable String amendmentId,
                     @Nullable String replyTo,
                     String body,
                     Attribution attribution,
                     Actor author,
                     int round,
                     @BsonProperty(POSTED_AT) Instant postedAt,
                     @Nullable CommentAnchor anchor) {

    static final String ID = "_id";
    static final String CONSULTATION_ID = "consultationId";
    static final String PROVISION_ID = "provisionId";
    static final String AMENDMENT_ID = "amendmentId";
    static final String REPLY_TO = "replyTo";
    static final String POSTED_AT = "postedAt";
}
