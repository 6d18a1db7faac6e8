package org.concord.command.consultation.command;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A comment is placed without the consultation's lock: while a command on the consultation holds it (as Axon's
 * repository does for the whole command), comments are still checked and placed. The control shows that the
 * lock is really held: a second command waits for it.
 */
class CommentRulesTest {

    private static final Actor DRAFTER = new Actor("d", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);

    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void a_comment_is_placed_while_a_command_holds_the_consultations_lock() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        List<Object> events = List.of(
                new ConsultationCreatedEvent("c-1", "Code", "For states", Visibility.PUBLIC,
                        List.of(new Provision("prov-1", "1", "States should regulate.")), ConsultationStatus.DRAFT, DRAFTER, 1),
                new RoundOpenedEvent("c-1", 1, Instant.parse("2100-01-01T00:00:00Z"), DRAFTER));
        for (int i = 0; i < events.size(); i++) {
            store.publish(new GenericDomainEventMessage<>("Consultation", "c-1", i, events.get(i)));
        }
        // the repository commands go through: it locks an aggregate until the command's unit of work ends
        Repository<Consultation> commands = EventSourcingRepository.builder(Consultation.class).eventStore(store).build();
        CommentRules rules = new CommentRules(store);

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> command = threads.submit(inUnitOfWork(() -> {
            commands.load("c-1");
            locked.countDown();
            return release.await(10, TimeUnit.SECONDS);
        }));
        assertThat(locked.await(5, TimeUnit.SECONDS)).isTrue();

        Future<CommentRules.Placement> comment = threads.submit(inUnitOfWork(() -> rules.placeComment("c-1", "prov-1", null, null)));
        Future<Integer> secondCommand = threads.submit(inUnitOfWork(() -> commands.load("c-1").invoke(c -> c.roundForComment(null, null))));

        assertThat(comment.get(5, TimeUnit.SECONDS).round()).as("placed while the lock is held").isEqualTo(1);
        assertThatThrownBy(() -> secondCommand.get(300, TimeUnit.MILLISECONDS)).as("the lock is held")
                .isInstanceOf(TimeoutException.class);
        release.countDown();
        command.get(5, TimeUnit.SECONDS);
        assertThat(secondCommand.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void each_comment_sees_the_events_stored_since_the_last_one() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        publish(store, 0, new ConsultationCreatedEvent("c-1", "Code", "For states", Visibility.PUBLIC,
                List.of(new Provision("prov-1", "1", "States should regulate.")), ConsultationStatus.DRAFT, DRAFTER, 1));
        publish(store, 1, new RoundOpenedEvent("c-1", 1, Instant.parse("2100-01-01T00:00:00Z"), DRAFTER));
        CommentRules rules = new CommentRules(store);

        assertThat(inUnitOfWork(() -> rules.placeComment("c-1", "prov-1", null, null)).call().round()).isEqualTo(1);
        assertThat(inUnitOfWork(() -> rules.placeComment("c-1", "prov-1", null, null)).call().round()).as("nothing new").isEqualTo(1);

        publish(store, 2, new RoundClosedEvent("c-1", 1, DRAFTER));
        assertThatThrownBy(() -> inUnitOfWork(() -> rules.placeComment("c-1", "prov-1", null, null)).call())
                .as("the round closed since").isInstanceOf(RuleViolationException.class);

        publish(store, 3, new RoundOpenedEvent("c-1", 2, Instant.parse("2100-02-01T00:00:00Z"), DRAFTER));
        assertThat(inUnitOfWork(() -> rules.placeComment("c-1", "prov-1", null, null)).call().round()).isEqualTo(2);
        assertThatThrownBy(() -> inUnitOfWork(() -> rules.placeComment("c-2", "prov-1", null, null)).call())
                .isInstanceOf(RuleViolationException.class).hasMessageContaining("No consultation c-2");
    }

    private static void publish(EmbeddedEventStore store, long sequenceNumber, Object event) {
        store.publish(new GenericDomainEventMessage<>("Consultation", "c-1", sequenceNumber, event));
    }

    private static <T> Callable<T> inUnitOfWork(Callable<T> work) {
        return () -> {
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                T result = work.call();
                unitOfWork.commit();
                return result;
            } catch (Exception | Error failure) {
                unitOfWork.rollback(failure);
                throw failure;
            }
        };
    }
}
