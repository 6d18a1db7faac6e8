package org.concord.query.event;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.concord.eventstore.EventPayloadMapper;
import org.concord.messages.participant.Actor;
import org.concord.query.readmodel.StoredEntry;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event as the timeline, the feeds and the audit trail show it: its type (the event's name without
 * "Event", e.g. {@code AmendmentProposed}), who acted, and the event's data without them, so that a
 * read can mask the actor (Chatham House) without having to find it in the data. A credential's hash
 * is never part of it.
 */
public record EventDescription(String type, Actor actor, Map<String, Object> data) {

    /** The fields of Concord's events that name who acted. */
    private static final List<String> ACTOR_FIELDS = List.of("author", "by", "proposer", "supporter", "registeredBy", "revokedBy");
    private static final String CREDENTIAL_HASH = "tokenHash";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    /** The event's data as it is stored, so that a read model keeps the same values whatever the web layer's JSON. */
    private static final ObjectMapper STORED_FORM = EventPayloadMapper.create();

    public static EventDescription of(Object event) {
        Map<String, Object> data = STORED_FORM.convertValue(event, MAP);
        data.remove(CREDENTIAL_HASH);
        Object actor = null;
        for (String field : ACTOR_FIELDS) {
            Object value = data.remove(field);
            actor = actor == null ? value : actor;
        }
        return new EventDescription(typeOf(event.getClass()), actor == null ? null : STORED_FORM.convertValue(actor, Actor.class), data);
    }

    public static String typeOf(Class<?> eventClass) {
        return eventClass.getSimpleName().replaceFirst("Event$", "");
    }

    /**
     * The event as a timeline entry stores it, {@code { position, at, type, actor, data }}: the one shape the
     * timeline keeps and the feeds send, so that both mask and summarise it alike ({@code TimelineEntries}).
     */
    public StoredEntry entry(long position, Instant at) {
        return new StoredEntry(position, at, type, actor, new Document(data));
    }

    /** Whether this is a comment whose author only drafters and the author may know. */
    public boolean chathamHouse() {
        return "CHATHAM_HOUSE".equals(data.get("attribution"));
    }
}
