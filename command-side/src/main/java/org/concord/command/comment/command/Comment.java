package org.concord.command.comment.command;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.concord.messages.comment.CommentPostedEvent;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One comment. Its own aggregate, so that comments neither grow the consultation's history nor
 * contend for it on deadline day; later corrections and moderation will be its events.
 */
@Aggregate
class Comment {

    @AggregateIdentifier
    private String commentId;
    private String consultationId;

    Comment() {
        // for Axon's event sourcing
    }

    Comment(CommentPostedEvent posted) {
        apply(posted);
    }

    String consultationId() {
        return consultationId;
    }

    @EventSourcingHandler
    void on(CommentPostedEvent event) {
        commentId = event.commentId();
        consultationId = event.consultationId();
    }
}
