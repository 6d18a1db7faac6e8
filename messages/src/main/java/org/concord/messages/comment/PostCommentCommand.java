package org.concord.messages.comment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.concord.messages.participant.Actor;

/** Comment on a consultation, a provision or some of its words ({@code selection}, else null), or an amendment, or reply to a comment. */
public record PostCommentCommand(@TargetAggregateIdentifier String commentId,
                                 String consultationId,
                                 String provisionId,
                                 String amendmentId,
                                 String replyTo,
                                 String body,
                                 Attribution attribution,
                                 Actor author,
                                 WordSelection selection) {
}
