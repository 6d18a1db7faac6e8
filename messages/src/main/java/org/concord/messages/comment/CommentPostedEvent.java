package org.concord.messages.comment;

import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.participant.Actor;

/**
 * A comment was posted in the given round. For CHATHAM_HOUSE, readers other than drafters and the author see only the stakeholder type of the author.
 * {@code anchor} is null unless the comment is on some words of its provision; events stored before anchors existed read as null.
 */
public record CommentPostedEvent(String commentId,
                                 String consultationId,
                                 String provisionId,
                                 String amendmentId,
                                 String replyTo,
                                 String body,
                                 Attribution attribution,
                                 int round,
                                 Actor author,
                                 CommentAnchor anchor) implements ConsultationEvent {
}
