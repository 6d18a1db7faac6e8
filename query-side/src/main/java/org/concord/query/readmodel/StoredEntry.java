package org.concord.query.readmodel;

import jakarta.annotation.Nullable;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.concord.messages.participant.Actor;

import java.time.Instant;

/**
 * An event as a timeline, an audit trail and the feeds keep it (see {@link EventDescription}): its global
 * position, when, its type, who acted (unmasked: each reader is masked when read, {@link TimelineEntries})
 * and the event's own fields without the actor. {@code data} stays a document: each type of event has its own
 * fields, in the stored form of the event store (EventPayloadMapper). Read and written by the MongoDB driver's
 * record codec; public because the codec reads it by reflection.
 */
public record StoredEntry(@BsonProperty(POSITION) long position, Instant at, String type, @Nullable Actor actor, Document data) {

    /** The field a chunk's entries are found by. */
    public static final String POSITION = "position";

    /** The consultation the event belongs to; null for an event of none (a registration, a revocation). */
    public @Nullable String consultationId() {
        return data == null ? null : data.getString("consultationId");
    }

    /** Whether this is a comment posted under the Chatham House rule, whose author only drafters and the author may know. */
    public boolean chathamHouse() {
        return data != null && "CHATHAM_HOUSE".equals(data.getString("attribution"));
    }
}
