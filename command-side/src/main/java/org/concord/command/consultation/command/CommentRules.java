package org.concord.command.consultation.command;

import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.config.annotation.SpringBeanParameterResolverFactory;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.comment.CommentAnchor;
import org.concord.messages.comment.WordSelection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * What the consultation says about a comment about to be posted on it, without changing it and without
 * locking it: the consultation is read from its own repository, which takes no lock, so comments on one
 * consultation neither wait for each other nor for its amendments and decisions. A comment is checked
 * against the consultation's last stored state (its snapshot and the events after it); a command on the
 * consultation that commits while the comment is being checked is not waited for (docs/domain.md,
 * Concurrency). The consultation's handlers take Spring beans as parameters (the deadline manager), so its
 * model is built here with the application context's beans as well as the classpath's resolvers; without
 * them the application does not start.
 */
@Component
public class CommentRules {

    private final Repository<Consultation> consultations;

    @Autowired
    CommentRules(EventStore eventStore, ApplicationContext context) {
        this(eventStore, MultiParameterResolverFactory.ordered(ClasspathParameterResolverFactory.forClass(Consultation.class),
                new SpringBeanParameterResolverFactory(context)));
    }

    /** Outside Spring: tests, where axon-test's classpath resolvers give handlers their resources. */
    CommentRules(EventStore eventStore) {
        this(eventStore, ClasspathParameterResolverFactory.forClass(Consultation.class));
    }

    private CommentRules(EventStore eventStore, ParameterResolverFactory resolvers) {
        this.consultations = EventSourcingRepository.builder(Consultation.class)
                .eventStore(eventStore)
                .parameterResolverFactory(resolvers)
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
