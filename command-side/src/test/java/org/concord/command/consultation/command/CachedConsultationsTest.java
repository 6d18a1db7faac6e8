package org.concord.command.consultation.command;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.concord.messages.amendment.AmendmentSupportedEvent;
import org.concord.messages.amendment.ProposeAmendmentCommand;
import org.concord.messages.amendment.SupportAmendmentCommand;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.concord.command.consultation.command.ConsultationFixtures.CREATED;
import static org.concord.command.consultation.command.ConsultationFixtures.DRAFTER;
import static org.concord.command.consultation.command.ConsultationFixtures.NGO;
import static org.concord.command.consultation.command.ConsultationFixtures.REPLACE_1;

/**
 * A consultation kept in memory by one command side while another changed it is not trusted: the command is
 * a lost race, and handled again on the stored consultation.
 */
class CachedConsultationsTest {

    private static final Actor JAPAN = new Actor("p-jp", "Japan", StakeholderType.STATE);

    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final CacheManager caches = CacheManagerBuilder.newCacheManagerBuilder()
            .withCache("consultations", CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                    ResourcePoolsBuilder.heap(10)))
            .build(true);
    private final CommandGateway thisCommandSide = commandSide();

    @AfterEach
    void close() {
        caches.close();
        store.shutDown();
    }

    @Test
    void aCopyOutOfDateIsALostRaceAndTheRetryReadsTheStoredConsultation() {
        aConsultationInMemoryAtSequenceNumber2();
        // France's amendment a-1, handled by the other command side: unknown to the copy in memory
        storedByAnotherCommandSide(3, REPLACE_1);

        SupportAmendmentCommand support = new SupportAmendmentCommand("c-1", "a-1", JAPAN);
        assertThatThrownBy(() -> thisCommandSide.sendAndWait(support)).isInstanceOf(ConcurrencyException.class);
        thisCommandSide.sendAndWait(support);

        assertThat(payloads()).last().isEqualTo(new AmendmentSupportedEvent("c-1", "a-1", JAPAN));
    }

    @Test
    void aCopyUpToDateServesTheNextCommand() {
        aConsultationInMemoryAtSequenceNumber2();

        thisCommandSide.sendAndWait(new SupportAmendmentCommand("c-1", "a-2", JAPAN));

        assertThat(payloads()).hasSize(4).last().isEqualTo(new AmendmentSupportedEvent("c-1", "a-2", JAPAN));
    }

    /** Created and opened by the other command side, then an amendment handled here: the consultation is in memory. */
    private void aConsultationInMemoryAtSequenceNumber2() {
        storedByAnotherCommandSide(0, CREATED);
        storedByAnotherCommandSide(1, new RoundOpenedEvent("c-1", 1, Instant.parse("2100-01-01T00:00:00Z"), DRAFTER));
        thisCommandSide.sendAndWait(new ProposeAmendmentCommand("c-1", "a-2", ChangeKind.REPLACE, "prov-2", 1,
                "Vendors shall assess risks.", null, "Stronger wording", NGO));
    }

    private CommandGateway commandSide() {
        EventSourcingRepository.Builder<Consultation> builder = EventSourcingRepository.builder(Consultation.class)
                .eventStore(store)
                .cache(new EhCache3Adapter((Ehcache<Object, Object>) caches.getCache("consultations", Object.class, Object.class)));
        CachedConsultations repository = new CachedConsultations(builder,
                (aggregate, sequenceNumber) -> store.readEvents(aggregate, sequenceNumber + 1).hasNext());
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<Consultation>builder().aggregateType(Consultation.class).repository(repository)
                .build().subscribe(bus);
        return DefaultCommandGateway.builder().commandBus(bus).build();
    }

    private void storedByAnotherCommandSide(long sequenceNumber, Object payload) {
        store.publish(new GenericDomainEventMessage<>("Consultation", "c-1", sequenceNumber, payload));
    }

    private List<Object> payloads() {
        List<Object> payloads = new ArrayList<>();
        store.readEvents("c-1").asStream().map(DomainEventMessage::getPayload).forEach(payloads::add);
        return payloads;
    }
}
