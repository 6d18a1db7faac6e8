package org.concord.query.history.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.history.FindTimelineQuery;
import org.concord.query.event.EventDescription;
import org.concord.query.event.TimelineEntries;
import org.concord.query.readmodel.ChunkedEntries;
import org.concord.query.readmodel.EntryPage;
import org.concord.query.readmodel.ReadModels;
import org.concord.query.readmodel.StoredEntry;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * The timeline of each consultation: every event of it and of its comments, in the order stored, kept
 * in chunks of {@value #CHUNK} global positions ({@link ChunkedEntries}). An entry keeps who acted and
 * the event's data without them; Chatham House authors are masked for each reader when read
 * ({@link TimelineEntries}).
 */
@Component
@ProcessingGroup(HistoryProcessing.PROCESSING_GROUP)
public class TimelineProjection {

    /** Small, because a consultation's events are dense and the embedded server rewrites a whole chunk for every entry pushed into it. */
    private static final long CHUNK = 100;

    private final ChunkedEntries timelines;

    public TimelineProjection(ReadModels readModels) {
        this.timelines = new ChunkedEntries(readModels, "timelines", "timelineChunks", CHUNK);
    }

    @EventHandler
    void on(ConsultationEvent event, @Timestamp Instant at, TrackingToken token) {
        long position = token.position().orElseThrow(() -> new IllegalStateException("A tracked event without a position"));
        // nothing else appends to this consultation's timeline meanwhile: its events are handled one at a time (HistoryProcessing)
        timelines.append(event.consultationId(), EventDescription.of(event).entry(position, at));
    }

    @ResetHandler
    void reset() {
        timelines.reset();
    }

    @QueryHandler
    public List<TimelineEntries.Entry> handle(FindTimelineQuery query) {
        return timelines.read(query.consultationId(), new EntryPage(query.afterPosition(), query.limit())).stream()
                .map(entry -> TimelineEntries.entry(entry, query.readerParticipantId(), query.readerIsDrafter()))
                .toList();
    }

    /** Every stored entry of a consultation, in order, unmasked: for folds that mask themselves. */
    List<StoredEntry> stored(String consultationId) {
        return timelines.read(consultationId);
    }
}
