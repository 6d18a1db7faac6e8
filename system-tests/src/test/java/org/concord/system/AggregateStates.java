package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.command.consultation.command.ConsultationSnapshots;
import org.concord.eventstore.EventPayloadMapper;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.eventstore.SnapshotSerializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Event-sources Concord's aggregates out of a MongoDB event store, as the command side's repository does,
 * with the command side's own classes and serializers: Axon's Jackson serializer on the event store's
 * {@link EventPayloadMapper} for events, as Axon's auto-configuration builds it, {@link SnapshotSerializer} for
 * snapshots and {@link SequencedMongoEventStorageEngine} to read them, passing over the snapshots the command side
 * passes over ({@link ConsultationSnapshots}). Each aggregate is loaded from its events alone, from its stored
 * snapshot and the events after it, and from a snapshot made now; a snapshot that cannot be read fails here, where
 * the command side would quietly fall back to the events.
 */
final class AggregateStates implements AutoCloseable {

    /** The aggregate types the event store names, and their classes in the command side. */
    static final Map<String, String> TYPES = Map.of(
            "Consultation", "org.concord.command.consultation.command.Consultation",
            "Comment", "org.concord.command.comment.command.Comment",
            "Participant", "org.concord.command.participant.command.Participant");

    /** What the consultation's command handlers are given for the deadline manager: sourcing schedules nothing. */
    private static final DeadlineManager NO_DEADLINES = (DeadlineManager) Proxy.newProxyInstance(DeadlineManager.class.getClassLoader(),
            new Class<?>[]{DeadlineManager.class}, (proxy, method, arguments) -> switch (method.getName()) {
                case "toString" -> "no deadlines";
                case "hashCode" -> 0;
                case "equals" -> proxy == arguments[0];
                default -> throw new UnsupportedOperationException("an aggregate being sourced schedules no deadline");
            });

    private final MongoClient client;
    private final SequencedMongoEventStorageEngine engine;
    /** The same store, reading every snapshot: to tell a snapshot passed over from none. */
    private final SequencedMongoEventStorageEngine everySnapshot;
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
                .snapshotFilter(ConsultationSnapshots.currentShapeOnly())
                .build();
        everySnapshot = SequencedMongoEventStorageEngine.builder()
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
     * snapshot would store them), {@code snapshotAt} (the sequence number of the snapshot read, or null) and,
     * when the store holds a snapshot of an older shape, {@code snapshotPassedOver} (its sequence number).
     * Loading from the stored snapshot, and from one made now, must give the same state as loading from the
     * events alone.
     */
    ObjectNode load(String type, String aggregateId) {
        Class<Object> aggregateClass = aggregateClass(type);
        Sourced fromEvents = load(aggregateClass, aggregateId, Optional.empty());
        ObjectNode answer = json.createObjectNode();
        answer.put("version", fromEvents.loaded().version());
        answer.set("state", fromEvents.loaded().state());
        Optional<DomainEventMessage<?>> snapshot = engine.readSnapshot(aggregateId);
        if (snapshot.isPresent()) {
            requireSame(type, aggregateId, "its stored snapshot at sequence " + snapshot.get().getSequenceNumber(),
                    load(aggregateClass, aggregateId, snapshot), fromEvents);
            answer.put("snapshotAt", snapshot.get().getSequenceNumber());
        } else {
            answer.putNull("snapshotAt");
            everySnapshot.readSnapshot(aggregateId)
                    .ifPresent(passedOver -> answer.put("snapshotPassedOver", passedOver.getSequenceNumber()));
        }
        SerializedObject<byte[]> now = snapshotSerializer.serialize(fromEvents.root(), byte[].class);
        DomainEventMessage<?> madeNow = new GenericDomainEventMessage<>(type, aggregateId, fromEvents.loaded().version(),
                snapshotSerializer.deserialize(now));
        requireSame(type, aggregateId, "a snapshot made now", load(aggregateClass, aggregateId, Optional.of(madeNow)), fromEvents);
        if (!ConsultationSnapshots.currentShapeOnly().allow(new GenericDomainEventEntry<>(
                type, aggregateId, fromEvents.loaded().version(), "now", Instant.EPOCH, now.getType().getName(),
                now.getType().getRevision(), now.getData(), new byte[0]))) {
            throw new AssertionError(type + " " + aggregateId + ": a snapshot made now would be passed over (revision "
                    + now.getType().getRevision() + ")");
        }
        return answer;
    }

    private static void requireSame(String type, String aggregateId, String from, Sourced loaded, Sourced fromEvents) {
        if (!loaded.loaded().equals(fromEvents.loaded())) {
            throw new AssertionError(type + " " + aggregateId + " loaded from " + from + " is " + loaded.loaded()
                    + ", from its events " + fromEvents.loaded());
        }
    }

    private record Loaded(long version, JsonNode state) {
    }

    /** An aggregate loaded, and its root. */
    private record Sourced(Loaded loaded, Object root) {
    }

    private Sourced load(Class<Object> aggregateClass, String aggregateId, Optional<DomainEventMessage<?>> snapshot) {
        DomainEventStream events = snapshot
                .map(s -> DomainEventStream.concat(DomainEventStream.of(s), engine.readEvents(aggregateId, s.getSequenceNumber() + 1)))
                .orElseGet(() -> engine.readEvents(aggregateId, 0));
        if (!events.hasNext()) {
            throw new AssertionError("No events for aggregate " + aggregateId);
        }
        // the consultation's command handlers take the deadline manager (issue #20); sourcing only applies events, so a
        // manager that schedules nothing lets the model be built as the command side builds it with its beans
        AggregateModel<Object> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregateClass,
                MultiParameterResolverFactory.ordered(ClasspathParameterResolverFactory.forClass(aggregateClass),
                        new SimpleResourceParameterResolverFactory(List.of(NO_DEADLINES))));
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            Object root = new GenericAggregateFactory<>(model).createAggregateRoot(aggregateId, events.peek());
            EventSourcedAggregate<Object> aggregate = EventSourcedAggregate.initialize(root, model, null,
                    NoSnapshotTriggerDefinition.TRIGGER);
            aggregate.initializeState(events);
            byte[] fields = snapshotSerializer.serialize(aggregate.getAggregateRoot(), byte[].class).getData();
            return new Sourced(new Loaded(aggregate.version(), json.readTree(fields)), aggregate.getAggregateRoot());
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
