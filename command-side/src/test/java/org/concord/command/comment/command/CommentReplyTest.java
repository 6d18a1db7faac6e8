package org.concord.command.comment.command;

import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.Message;
import org.concord.command.consultation.command.StoredConsultations;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.comment.PostCommentCommand;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply is posted beside the comment it answers. Axon's aggregate fixture holds a single comment, so here the
 * handler runs as in the service: on a command bus, over an event store holding the consultation and that comment.
 */
class CommentReplyTest {

    private static final Actor DRAFTER = new Actor("d", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor FRANCE = new Actor("p-fr", "France", StakeholderType.STATE);
    private static final Actor NGO = new Actor("p-ngo", "Access Now", StakeholderType.NGO);

    @Test
    void a_reply_to_a_comment_of_the_same_consultation_is_posted_naming_it() {
        EmbeddedEventStore store = StoredConsultations.eventStore("c-1", List.of(
                new ConsultationCreatedEvent("c-1", "Code", "For states", Visibility.PUBLIC,
                        List.of(new Provision("prov-1", "1", "States should regulate.")), ConsultationStatus.DRAFT, DRAFTER, 1),
                new RoundOpenedEvent("c-1", 1, Instant.parse("2100-01-01T00:00:00Z"), DRAFTER)));
        store.publish(new GenericDomainEventMessage<>("Comment", "k-0", 0, new CommentPostedEvent("k-0", "c-1", "prov-1",
                null, null, "Too narrow.", Attribution.ATTRIBUTED, 1, FRANCE, null)));

        commandGateway(store).sendAndWait(new PostCommentCommand("k-1", "c-1", "prov-1", null, "k-0", "Agreed.",
                Attribution.CHATHAM_HOUSE, NGO, null));

        assertThat(store.readEvents("k-1").asStream().<Object>map(Message::getPayload)).containsExactly(new CommentPostedEvent("k-1",
                "c-1", "prov-1", null, "k-0", "Agreed.", Attribution.CHATHAM_HOUSE, 1, NGO, null));
    }

    private static CommandGateway commandGateway(EmbeddedEventStore store) {
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        new AnnotationCommandHandlerAdapter<>(new CommentCommandHandler(
                EventSourcingRepository.builder(Comment.class).eventStore(store).build(),
                StoredConsultations.commentRules(store))).subscribe(commandBus);
        return DefaultCommandGateway.builder().commandBus(commandBus).build();
    }
}
