package org.concord.command.consultation.command;

import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.LockAwareAggregate;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.config.annotation.SpringBeanParameterResolverFactory;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.comment.CommentAnchor;
import org.concord.messages.comment.WordSelection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the consultation says about a comment about to be posted on it, without changing it and without
 * locking it: comments on one consultation neither wait for its amendments and decisions nor conflict with
 * each other. A comment is checked against the consultation's last stored state; a command on the consultation
 * that commits while the comment is being checked is not waited for (docs/domain.md, Concurrency).
 * <p>
 * The rules keep a copy of each consultation commented on lately ({@value #COPIES} at most), read once from its
 * own repository (which takes no lock), and bring it up to date for each comment with the events stored since:
 * a lookup of a few keys, where reading the consultation anew meant its whole snapshot and up to 99 events. A
 * copy is only ever read and brought forward under its own monitor, so comments on one consultation take turns
 * for that short while; Axon's commands never touch it. The consultation's handlers take Spring beans as parameters
 * (the deadline manager), so its model is built here with the application context's beans as well as the
 * classpath's resolvers; without them the application does not start.
 */
@Component
public class CommentRules {

    static final int COPIES = 100;

    private final EventStore eventStore;
    private final Repository<Consultation> consultations;
    private final Map<String, Copy> copies = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Copy> eldest) {
            return size() > COPIES;
        }
    };

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
        this.eventStore = eventStore;
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
        Copy copy = copyOf(consultationId);
        synchronized (copy) {
            try {
                EventSourcedAggregate<Consultation> consultation = copy.current(consultationId);
                return consultation.invoke(c -> new Placement(c.roundForComment(provisionId, amendmentId),
                        selection == null ? null : c.anchorForComment(provisionId, selection)));
            } catch (AggregateNotFoundException notFound) {
                forget(consultationId, copy);
                throw RuleViolationException.notFound("No consultation " + consultationId + " exists.");
            } catch (RuntimeException failure) {
                if (!(failure instanceof RuleViolationException)) {
                    // the copy may be half brought forward: read the consultation anew next time
                    forget(consultationId, copy);
                }
                throw failure;
            }
        }
    }

    private Copy copyOf(String consultationId) {
        synchronized (copies) {
            return copies.computeIfAbsent(consultationId, id -> new Copy());
        }
    }

    private void forget(String consultationId, Copy copy) {
        synchronized (copies) {
            copies.remove(consultationId, copy);
        }
    }

    /** One consultation as last read: guarded by its own monitor. */
    private final class Copy {

        private EventSourcedAggregate<Consultation> consultation;

        /** The consultation with every event stored until now applied: read whole the first time, then brought forward. */
        EventSourcedAggregate<Consultation> current(String consultationId) {
            if (consultation == null) {
                consultation = unwrapped(consultations.load(consultationId));
            } else {
                DomainEventStream since = eventStore.readEvents(consultationId, consultation.version() + 1);
                // initializeState needs at least one event: it ends on the stream's last sequence number
                if (since.hasNext()) {
                    consultation.initializeState(since);
                }
            }
            return consultation;
        }
    }

    @SuppressWarnings("unchecked")
    private static EventSourcedAggregate<Consultation> unwrapped(Aggregate<Consultation> loaded) {
        Aggregate<Consultation> aggregate = loaded instanceof LockAwareAggregate<?, ?> lockAware
                ? (Aggregate<Consultation>) lockAware.getWrappedAggregate() : loaded;
        return (EventSourcedAggregate<Consultation>) aggregate;
    }
}
