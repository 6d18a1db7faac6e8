package org.concord.command.consultation.command;

import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.comment.CommentAnchor;
import org.concord.messages.comment.WordSelection;
import org.springframework.stereotype.Component;

/**
 * What the consultation says about a comment about to be posted on it, without changing it and without
 * locking it: the consultation is read from its own repository, which takes no lock, so comments on one
 * consultation neither wait for each other nor for its amendments and decisions. A comment is checked
 * against the consultation's last stored state (its snapshot and the events after it); a command on the
 * consultation that commits while the comment is being checked is not waited for (docs/domain.md,
 * Concurrency).
 */
@Component
public class CommentRules {

    private final Repository<Consultation> consultations;

    CommentRules(EventStore eventStore) {
        this.consultations = EventSourcingRepository.builder(Consultation.class)
                .eventStore(eventStore)
                .lockFactory(NullLockFactory.INSTANCE)
                .build();
    }

    /** Where a comment belongs: its round, and the words it is on, quoted (null when it is on no words). */
    public record Placement(int round, CommentAnchor anchor) {
    }

    /** Where a comment would belong, {@code selection} null unless it is on words of its provision; throws the rule it would break. */
    public Placement placeComment(String consultationId, String provisionId, String amendmentId, WordSelection selection) {
        try {
            return consultations.load(consultationId).invoke(c -> new Placement(c.roundForComment(provisionId, amendmentId),
                    selection == null ? null : c.anchorForComment(provisionId, selection)));
        } catch (AggregateNotFoundException notFound) {
            throw RuleViolationException.notFound("No consultation " + consultationId + " exists.");
        }
    }
}
