package org.concord.command.comment.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.concord.command.consultation.command.CommentRules;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.comment.PostCommentCommand;
import org.springframework.stereotype.Component;

/**
 * Posts comments after the consultation has said the round is open and the comment's targets exist (the
 * words of an anchor too, which it quotes), and after the comment replied to has been found in the same
 * consultation.
 */
@Component
class CommentCommandHandler {

    private final Repository<Comment> comments;
    private final CommentRules consultations;

    CommentCommandHandler(Repository<Comment> commentRepository, CommentRules consultations) {
        this.comments = commentRepository;
        this.consultations = consultations;
    }

    @CommandHandler
    void handle(PostCommentCommand command) throws Exception {
        if (command.body() == null || command.body().isBlank()) {
            throw RuleViolationException.invalid("body", "must not be blank");
        }
        if (command.selection() != null) {
            checkSelection(command);
        }
        CommentRules.Placement placement = consultations.placeComment(command.consultationId(), command.provisionId(),
                command.amendmentId(), command.selection());
        if (command.replyTo() != null) {
            String parentConsultation;
            try {
                parentConsultation = comments.load(command.replyTo()).invoke(Comment::consultationId);
            } catch (AggregateNotFoundException notFound) {
                throw RuleViolationException.invalid("replyTo", "No comment " + command.replyTo());
            }
            if (!command.consultationId().equals(parentConsultation)) {
                throw RuleViolationException.invalid("replyTo", "The comment replied to belongs to another consultation");
            }
        }
        CommentPostedEvent posted = new CommentPostedEvent(command.commentId(), command.consultationId(),
                command.provisionId(), command.amendmentId(), command.replyTo(), command.body(), command.attribution(),
                placement.round(), command.author(), placement.anchor());
        comments.newInstance(() -> new Comment(posted));
    }

    /** An anchor is on words of a provision, and neither on an amendment nor a reply's; the consultation checks the words. */
    private static void checkSelection(PostCommentCommand command) {
        if (command.provisionId() == null) {
            throw RuleViolationException.invalid("anchor", "An anchor is on words of a provision: give provisionId too");
        }
        if (command.amendmentId() != null) {
            throw RuleViolationException.invalid("anchor", "A comment on an amendment takes no anchor");
        }
        if (command.replyTo() != null) {
            throw RuleViolationException.invalid("anchor", "A reply takes no anchor: it is on what its comment is on");
        }
    }
}
