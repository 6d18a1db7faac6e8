package org.concord.command.consultation.command;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.util.List;

/** Consultations held in an in-memory event store, for testing what other aggregates' handlers ask of them. */
public final class StoredConsultations {

    private StoredConsultations() {
    }

    /** The comment rules of a store holding one consultation with these events. */
    public static CommentRules commentRules(String consultationId, List<Object> events) {
        return commentRules(eventStore(consultationId, events));
    }

    /** The comment rules of the consultations in {@code store}. */
    public static CommentRules commentRules(EventStore store) {
        return new CommentRules(store);
    }

    /** An in-memory event store holding one consultation with these events. */
    public static EmbeddedEventStore eventStore(String consultationId, List<Object> events) {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        for (int i = 0; i < events.size(); i++) {
            store.publish(new GenericDomainEventMessage<>("Consultation", consultationId, i, events.get(i)));
        }
        return store;
    }
}
