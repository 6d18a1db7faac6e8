package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.eventstore.EventPayloadMapper;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.eventstore.SnapshotSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * Event-sources Concord's aggregates out of a MongoDB event store, as the command side's repository does,
 * with the command side's own classes and serializers: Axon's Jackson serializer on the event store's
 * {@link EventPayloadMapper} for events, as Axon's auto-configuration builds it, {@link SnapshotSerializer} for
 * snapshots and {@link SequencedMongoEventStorageEngine} to read them. Each aggregate is loaded twice:
 * from its events alone, and from its snapshot and the events after it; a snapshot that cannot be read fails
 * here, where the command side would quietly fall back to the events.
 */
final class AggregateStates implements AutoCloseable {

    /** The aggregate types the event store names, and their classes in the command side. */
    static final Map<String, String> TYPES = Map.of(
            "Consultation", "org.concord.command.consultation.command.Consultation",
            "Comment", "org.concord.command.comment.command.Comment",
            "Participant", "org.concord.command.participant.command.Participant");

    private final MongoClient client;
    private final SequencedMongoEventStorageEngine engine;
    private final Serializer serializer;
    private final Serializer snapshotSerializer;
    private final ObjectMapper json = new ObjectMapper();

    AggregateStates(String uri, String databaseName) {
        ObjectMapper applicationMapper = EventPayloadMapper.create();
        snapshotSerializer = SnapshotSerializer.of(applicationMapper);
        serializer = JacksonSerializer.builder().converter(new ChainingConverter(getClass().getClassLoader()))
                .objectMapper(applicationMapper).build();
        client = MongoClients.create(uri);
        engine = SequencedMongoEventStorageEngine.builder()
                .database(client.getDatabase(databaseName))
                .eventSerializer(serializer)
                .snapshotSerializer(snapshotSerializer)
                .build();
    }

    /** Axon's serializer as the services build it for events, messages and tokens ({@code axon.serializer.*: jackson}). */
    Serializer serializer() {
        return serializer;
    }

    /**
     * The aggregate's state: {@code version} (its last sequence number), {@code state} (its fields, as a
     * snapshot would store them) and {@code snapshotAt} (the sequence number of its snapshot, or null).
     * Loading from the snapshot must give the same state as loading from the events alone.
     */
    ObjectNode load(String type, String aggregateId) {
        Class<Object> aggregateClass = aggregateClass(type);
        Loaded fromEvents = load(aggregateClass, aggregateId, Optional.empty());
        ObjectNode answer = json.createObjectNode();
        answer.put("version", fromEvents.version());
        answer.set("state", fromEvents.state());
        Optional<DomainEventMessage<?>> snapshot = engine.readSnapshot(aggregateId);
        if (snapshot.isPresent()) {
            Loaded fromSnapshot = load(aggregateClass, aggregateId, snapshot);
            if (!fromSnapshot.equals(fromEvents)) {
                throw new AssertionError(type + " " + aggregateId + " loaded from its snapshot at sequence "
                        + snapshot.get().getSequenceNumber() + " is " + fromSnapshot + ", from its events " + fromEvents);
            }
            answer.put("snapshotAt", snapshot.get().getSequenceNumber());
        } else {
            answer.putNull("snapshotAt");
        }
        return answer;
    }

    private record Loaded(long version, JsonNode state) {
    }

    private Loaded load(Class<Object> aggregateClass, String aggregateId, Optional<DomainEventMessage<?>> snapshot) {
        DomainEventStream events = snapshot
                .map(s -> DomainEventStream.concat(DomainEventStream.of(s), engine.readEvents(aggregateId, s.getSequenceNumber() + 1)))
                .orElseGet(() -> engine.readEvents(aggregateId, 0));
        if (!events.hasNext()) {
            throw new AssertionError("No events for aggregate " + aggregateId);
        }
        AggregateModel<Object> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregateClass);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            Object root = new GenericAggregateFactory<>(aggregateClass).createAggregateRoot(aggregateId, events.peek());
            EventSourcedAggregate<Object> aggregate = EventSourcedAggregate.initialize(root, model, null,
                    NoSnapshotTriggerDefinition.TRIGGER);
            aggregate.initializeState(events);
            byte[] fields = snapshotSerializer.serialize(aggregate.getAggregateRoot(), byte[].class).getData();
            return new Loaded(aggregate.version(), json.readTree(fields));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            unitOfWork.rollback();
        }
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> aggregateClass(String type) {
        String name = TYPES.get(type);
        if (name == null) {
            throw new AssertionError("The event store names an aggregate type " + type + " this test does not know; add it to "
                    + "AggregateStates.TYPES");
        }
        try {
            return (Class<Object>) Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("Aggregate type " + type + " is no longer " + name, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
