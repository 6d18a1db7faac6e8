package org.concord.query.feed;

import org.concord.query.access.ChathamHouse;
import org.concord.query.event.TimelineEntries;
import org.concord.query.readmodel.StoredEntry;
import tools.jackson.databind.json.JsonMapper;

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
    private final StoredEntry entry;
    private final boolean chathamHouse;
    private final String authorId;
    private volatile String shownToAll;
    private volatile String shownInFull;

    FeedEvent(long position, String type, String consultationId, StoredEntry entry, boolean chathamHouse) {
        this.position = position;
        this.type = type;
        this.consultationId = consultationId;
        this.entry = entry;
        this.chathamHouse = chathamHouse;
        this.authorId = entry.actor() == null ? null : entry.actor().participantId();
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
    String json(String readerParticipantId, boolean readerIsDrafter, JsonMapper jsonMapper) {
        if (!chathamHouse || ChathamHouse.hidesAuthor(true, authorId, readerParticipantId, readerIsDrafter)) {
            String json = shownToAll;
            if (json == null) {
                json = write(TimelineEntries.entry(entry, null, false), jsonMapper);
                shownToAll = json;
            }
            return json;
        }
        String json = shownInFull;
        if (json == null) {
            json = write(TimelineEntries.entry(entry, null, true), jsonMapper);
            shownInFull = json;
        }
        return json;
    }

    private static String write(TimelineEntries.Entry entry, JsonMapper jsonMapper) {
        return jsonMapper.writeValueAsString(entry);
    }
}
