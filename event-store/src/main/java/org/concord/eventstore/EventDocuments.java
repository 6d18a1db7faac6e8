package org.concord.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * How an event and a snapshot look in MongoDB. An event document:
 * <pre>
 * { _id: globalPosition, aggregateSequence: "aggregateIdentifier:sequenceNumber", aggregateType,
 *   eventIdentifier, timestamp, payloadType, payloadRevision?, payload, metaData, appendedAt,
 *   commitStart?, commitEnd? }
 * </pre>
 * The events of a commit of several events carry the positions of the commit's first and last event:
 * they are visible only once that last event is stored, so a commit shows all at once or not at all.
 * Documents are kept small on purpose: the embedded server's H2 backend serializes each one whole.
 * {@code aggregateSequence} joins aggregate and sequence number into one string (split at the last
 * colon, so it is unambiguous) so that its unique index serves {@code $in} lookups on the embedded
 * server too, which ignores compound indexes for anything but plain equality; a string key is also
 * the cheapest one for the embedded server's H2 backend to compare. A position
 * whose append failed holds a tombstone, {@code { _id, tombstone: true, appendedAt }}, so that readers
 * pass it at once instead of waiting out the gap timeout.
 * A snapshot document has the same fields with {@code _id} the aggregate identifier.
 */
final class EventDocuments {

    static final String POSITION = "_id";
    static final String AGGREGATE_SEQUENCE = "aggregateSequence";
    private static final char SEPARATOR = ':';
    static final String SEQUENCE_NUMBER = "sequenceNumber";
    static final String EVENT_IDENTIFIER = "eventIdentifier";
    static final String TIMESTAMP = "timestamp";
    static final String APPENDED_AT = "appendedAt";
    static final String COMMIT_END = "commitEnd";
    static final String COMMIT_START = "commitStart";
    static final String TOMBSTONE = "tombstone";
    private static final String AGGREGATE_TYPE = "aggregateType";
    private static final String PAYLOAD_TYPE = "payloadType";
    private static final String PAYLOAD_REVISION = "payloadRevision";
    private static final String PAYLOAD = "payload";
    private static final String META_DATA = "metaData";

    private EventDocuments() {
    }

    static String aggregateKey(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + SEPARATOR + sequenceNumber;
    }

    /** Events that belong to no aggregate get their own identifier as aggregate and sequence 0, as in Axon's JDBC engine. */
    static Document event(EventMessage<?> event, Serializer serializer) {
        Document document = new Document(POSITION, null)
                .append(AGGREGATE_SEQUENCE, aggregateKey(aggregateIdentifier(event), sequenceNumber(event)))
                .append(AGGREGATE_TYPE, event instanceof DomainEventMessage<?> domain ? domain.getType() : null);
        appendBody(document, event, serializer);
        return document;
    }

    /** Gives a commit's documents their positions from {@code firstPosition} on. */
    static void place(List<Document> commit, long firstPosition, Instant appendedAt) {
        Date stamp = Date.from(appendedAt);
        long lastPosition = firstPosition + commit.size() - 1;
        for (int i = 0; i < commit.size(); i++) {
            Document document = commit.get(i).append(POSITION, firstPosition + i).append(APPENDED_AT, stamp);
            if (commit.size() > 1) {
                document.append(COMMIT_START, firstPosition).append(COMMIT_END, lastPosition);
            }
        }
    }

    static Document snapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = new Document(POSITION, snapshot.getAggregateIdentifier())
                .append(SEQUENCE_NUMBER, snapshot.getSequenceNumber())
                .append(AGGREGATE_TYPE, snapshot.getType());
        appendBody(document, snapshot, serializer);
        return document;
    }

    static Document tombstone(long position, Instant at) {
        return new Document(POSITION, position).append(TOMBSTONE, true).append(APPENDED_AT, Date.from(at));
    }

    static DomainEventData<byte[]> eventData(Document document) {
        String key = document.getString(AGGREGATE_SEQUENCE);
        return entry(document, key.substring(0, key.lastIndexOf(SEPARATOR)), sequenceNumber(document));
    }

    /** The event document as stored, its payload's bytes untouched. */
    static RawEventLog.StoredEvent storedEvent(Document document) {
        String key = document.getString(AGGREGATE_SEQUENCE);
        return new RawEventLog.StoredEvent(position(document), document.getString(EVENT_IDENTIFIER),
                document.getString(PAYLOAD_TYPE), document.getString(PAYLOAD_REVISION),
                key.substring(0, key.lastIndexOf(SEPARATOR)), document.getString(AGGREGATE_TYPE), sequenceNumber(document),
                document.getDate(TIMESTAMP).toInstant(), bytes(document.get(PAYLOAD)));
    }

    static DomainEventData<byte[]> snapshotData(Document document) {
        return entry(document, document.getString(POSITION), number(document, SEQUENCE_NUMBER));
    }

    static long position(Document document) {
        return number(document, POSITION);
    }

    static long sequenceNumber(Document document) {
        String key = document.getString(AGGREGATE_SEQUENCE);
        return Long.parseLong(key, key.lastIndexOf(SEPARATOR) + 1, key.length(), 10);
    }

    static Instant appendedAt(Document document) {
        return document.getDate(APPENDED_AT).toInstant();
    }

    static boolean isTombstone(Document document) {
        return Boolean.TRUE.equals(document.getBoolean(TOMBSTONE));
    }

    /** The position of the last event of the document's commit, or its own when it was committed alone. */
    static long commitEnd(Document document) {
        Object end = document.get(COMMIT_END);
        return end == null ? position(document) : ((Number) end).longValue();
    }

    /** Whether {@code last}, the document at {@link #commitEnd}, completes {@code document}'s commit. */
    static boolean completes(Document last, Document document) {
        Object commitStart = document.get(COMMIT_START);
        return last != null && !isTombstone(last)
                && (commitStart == null || commitStart.equals(last.get(COMMIT_START)));
    }

    static String aggregateIdentifier(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    static long sequenceNumber(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0L;
    }

    private static void appendBody(Document document, EventMessage<?> event, Serializer serializer) {
        SerializedObject<byte[]> payload = serializer.serialize(event.getPayload(), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(event.getMetaData(), byte[].class);
        document.append(EVENT_IDENTIFIER, event.getIdentifier())
                .append(TIMESTAMP, Date.from(event.getTimestamp()))
                .append(PAYLOAD_TYPE, payload.getType().getName());
        if (payload.getType().getRevision() != null) {
            document.append(PAYLOAD_REVISION, payload.getType().getRevision());
        }
        document.append(PAYLOAD, payload.getData())
                .append(META_DATA, metaData.getData());
    }

    private static DomainEventData<byte[]> entry(Document document, String aggregateIdentifier, long sequenceNumber) {
        return new GenericDomainEventEntry<>(document.getString(AGGREGATE_TYPE), aggregateIdentifier, sequenceNumber,
                document.getString(EVENT_IDENTIFIER), document.getDate(TIMESTAMP).toInstant(),
                document.getString(PAYLOAD_TYPE), document.getString(PAYLOAD_REVISION),
                bytes(document.get(PAYLOAD)), bytes(document.get(META_DATA)));
    }

    private static byte[] bytes(Object stored) {
        return stored instanceof Binary binary ? binary.getData() : (byte[]) stored;
    }

    private static long number(Document document, String field) {
        return ((Number) document.get(field)).longValue();
    }
}
