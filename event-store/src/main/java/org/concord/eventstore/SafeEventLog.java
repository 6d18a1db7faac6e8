package org.concord.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.List;

/**
 * The event log as the services read it outside Axon's processors: the feeds, the consultations'
 * visibility, the read models' rebuild and the projections' lag. Reading stops at the safe position, so
 * no reader ever passes a position where an event may still appear.
 */
public interface SafeEventLog {

    /**
     * The high-water mark: the highest position P such that no event at or below P can still appear,
     * because every position up to P holds an event or a tombstone, or its gap has been given up. 0 while
     * there is none.
     */
    long safePosition();

    /** The highest position that holds a document (possibly not yet visible), 0 when none. */
    long headPosition();

    /**
     * Events after {@code afterPosition} up to the {@link #safePosition() safe position}, at most
     * {@code maxPositions} positions' worth, in position order. Continue with
     * {@link SafeEvents#lastPosition()}: given-up gaps and tombstones have no event.
     */
    SafeEvents readSafeEvents(long afterPosition, int maxPositions);

    /** One aggregate's events from {@code firstSequenceNumber} on, in their order. */
    DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber);

    /**
     * The log of the event store in {@code database}, for a process outside the services that only reads it
     * (bench's checks): payloads are read with the mapper the services write them with.
     */
    static SafeEventLog reading(MongoDatabase database) {
        ObjectMapper payloads = EventPayloadMapper.create();
        return SequencedMongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(JacksonSerializer.builder().objectMapper(payloads).build())
                .snapshotSerializer(SnapshotSerializer.of(payloads))
                .build();
    }

    /** One page of events below the safe position, and the position to continue after. */
    record SafeEvents(List<TrackedEventMessage<?>> events, long lastPosition) {
    }
}
