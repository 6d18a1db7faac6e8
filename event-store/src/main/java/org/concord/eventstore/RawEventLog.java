package org.concord.eventstore;

import com.mongodb.client.MongoDatabase;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The event log as stored, for the verifiable log ({@code org.concord.eventstore.log}): each event's fields and
 * its payload's bytes exactly as the store holds them, never deserialized, so that a changed byte in the store
 * changes what the log hashes.
 */
public interface RawEventLog {

    /** The same safe position as {@link SafeEventLog#safePosition()}: no event can still appear at or below it. */
    long safePosition();

    /**
     * Events after {@code afterPosition} up to the safe position, at most {@code maxPositions} positions' worth, in
     * position order; continue after {@link RawEvents#lastPosition()}. Tombstones and given-up gaps have no event.
     */
    RawEvents readRawSafeEvents(long afterPosition, int maxPositions);

    /**
     * The events stored at these positions now, in position order, whether or not their commit looks complete (an
     * audit of positions below the safe position wants each document as it is); tombstones and empty positions
     * are left out.
     */
    List<StoredEvent> readRawEvents(Collection<Long> positions);

    /** One aggregate's event with this sequence number, as stored, if there is one. */
    Optional<StoredEvent> readRawEvent(String aggregateIdentifier, long sequenceNumber);

    /**
     * One stored event. {@code payloadRevision} and {@code aggregateType} may be null; {@code payload} is the stored
     * JSON's bytes; {@code timestamp} has the stored millisecond precision.
     */
    record StoredEvent(long position, String eventIdentifier, String payloadType, String payloadRevision,
                       String aggregateIdentifier, String aggregateType, long sequenceNumber, Instant timestamp,
                       byte[] payload) {
    }

    /** One page of stored events below the safe position, and the position to continue after. */
    record RawEvents(List<StoredEvent> events, long lastPosition) {
    }
}
