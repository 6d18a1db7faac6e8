package org.concord.query.feed;

import org.bson.Document;
import org.concord.query.history.query.TimelineEntries;

/**
 * One event of the change feeds: its global position, its consultation, and the entry as the timeline
 * stores it (type, instant, actor, data), so that feeds and timeline mask and summarise it the same way.
 */
record FeedEvent(long position, String type, String consultationId, Document entry) {

    TimelineEntries.Entry as(String readerParticipantId, boolean readerIsDrafter) {
        return TimelineEntries.entry(entry, readerParticipantId, readerIsDrafter);
    }
}
