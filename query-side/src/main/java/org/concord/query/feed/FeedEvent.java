package org.concord.query.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.concord.query.access.ChathamHouse;
import org.concord.query.history.query.TimelineEntries;

/**
 * One event of the change feeds: its global position, its consultation, and the entry as the timeline
 * stores it (type, instant, actor, data), so that feeds and timeline mask and summarise it the same way.
 * Its JSON is written once for all readers who see the same thing, not once per subscriber: there are at
 * most two views, the full one and the one with a Chatham House author masked.
 */
final class FeedEvent {

    private final long position;
    private final String type;
    private final String consultationId;
    private final Document entry;
    private final boolean chathamHouse;
    private final String authorId;
    private volatile String shownToAll;
    private volatile String shownInFull;

    FeedEvent(long position, String type, String consultationId, Document entry, boolean chathamHouse) {
        this.position = position;
        this.type = type;
        this.consultationId = consultationId;
        this.entry = entry;
        this.chathamHouse = chathamHouse;
        Document actor = entry.get("actor", Document.class);
        this.authorId = actor == null ? null : actor.getString("participantId");
    }

    long position() {
        return position;
    }

    String type() {
        return type;
    }

    String consultationId() {
        return consultationId;
    }

    /** The event as JSON, as this reader may see it. */
    String json(String readerParticipantId, boolean readerIsDrafter, ObjectMapper objectMapper) {
        if (!chathamHouse || ChathamHouse.hidesAuthor(true, authorId, readerParticipantId, readerIsDrafter)) {
            String json = shownToAll;
            if (json == null) {
                json = write(TimelineEntries.entry(entry, null, false), objectMapper);
                shownToAll = json;
            }
            return json;
        }
        String json = shownInFull;
        if (json == null) {
            json = write(TimelineEntries.entry(entry, null, true), objectMapper);
            shownInFull = json;
        }
        return json;
    }

    private static String write(TimelineEntries.Entry entry, ObjectMapper objectMapper) {
        try {
            return objectMapper.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A timeline entry is always JSON", e);
        }
    }
}
