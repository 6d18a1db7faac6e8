package org.concord.query.history.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.history.FindTimelineQuery;
import org.concord.query.event.EventDescription;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The timeline of each consultation: every event of it and of its comments, in the order stored. A
 * consultation's entries are kept in chunks, one per {@value #CHUNK} global positions, listed in one
 * document per consultation, so that reading a timeline is two lookups by id whatever the size of the
 * store. An entry keeps who acted and the event's data without them; Chatham House authors are masked
 * for each reader when read ({@link TimelineEntries}).
 */
@Component
@ProcessingGroup(HistoryProcessing.PROCESSING_GROUP)
public class TimelineProjection {

    /** Small, because the embedded server rewrites a whole chunk for every entry pushed into it. */
    private static final long CHUNK = 100;

    private final ReadModelCollection timelines;
    private final ReadModelCollection chunks;
    private final ObjectMapper objectMapper;

    public TimelineProjection(ReadModels readModels, ObjectMapper objectMapper) {
        this.timelines = readModels.collection("timelines");
        this.chunks = readModels.collection("timelineChunks");
        this.objectMapper = objectMapper;
    }

    @EventHandler
    void on(ConsultationEvent event, @Timestamp Instant at, TrackingToken token) {
        long position = token.position().orElseThrow(() -> new IllegalStateException("A tracked event without a position"));
        Document entry = EventDescription.of(event, objectMapper).entry(position, at);
        String consultationId = event.consultationId();
        long chunk = position / CHUNK;
        String chunkId = chunkId(consultationId, chunk);
        // Read and written by _id alone: the embedded server's unique index serves only a filter on exactly its
        // key and reads the whole collection for any other, such as one that also excludes a recorded position.
        // Nothing writes the chunk in between, as a consultation's events are handled one at a time (HistoryProcessing).
        Document stored = chunks.writing().find(Filters.eq("_id", chunkId)).projection(Projections.include("entries.position")).first();
        boolean recorded = stored != null && stored.getList("entries", Document.class, List.of()).stream()
                .anyMatch(recordedEntry -> recordedEntry.getLong("position") == position);
        if (!recorded) {
            chunks.writing().updateOne(Filters.eq("_id", chunkId), Updates.push("entries", entry), new UpdateOptions().upsert(true));
        }
        // a new chunk is listed; so is the chunk of an event delivered again, in case the crash came before its listing
        if (stored == null || recorded) {
            timelines.writing().updateOne(Filters.eq("_id", consultationId), Updates.addToSet("chunks", chunk),
                    new UpdateOptions().upsert(true));
        }
    }

    @ResetHandler
    void reset() {
        timelines.writing().drop();
        chunks.writing().drop();
    }

    @QueryHandler
    public List<TimelineEntries.Entry> handle(FindTimelineQuery query) {
        List<TimelineEntries.Entry> entries = new ArrayList<>();
        for (Document entry : stored(query.consultationId())) {
            if (entry.getLong("position") <= query.afterPosition()) {
                continue;
            }
            if (query.limit() > 0 && entries.size() >= query.limit()) {
                break;
            }
            entries.add(TimelineEntries.entry(entry, query.readerParticipantId(), query.readerIsDrafter()));
        }
        return entries;
    }

    /** Every stored entry of a consultation, in order, unmasked: for folds that mask themselves. */
    List<Document> stored(String consultationId) {
        Document timeline = timelines.reading().find(Filters.eq("_id", consultationId)).first();
        if (timeline == null) {
            return List.of();
        }
        List<Long> listed = timeline.getList("chunks", Number.class).stream().map(Number::longValue).sorted().toList();
        Map<Object, Document> byId = new LinkedHashMap<>();
        chunks.reading().find(Filters.in("_id", listed.stream().map(chunk -> chunkId(consultationId, chunk)).toList()))
                .forEach(chunk -> byId.put(chunk.get("_id"), chunk));
        List<Document> entries = new ArrayList<>();
        for (long chunk : listed) {
            Document stored = byId.get(chunkId(consultationId, chunk));
            if (stored != null) {
                entries.addAll(stored.getList("entries", Document.class));
            }
        }
        return entries;
    }

    private static String chunkId(String consultationId, long chunk) {
        return consultationId + ":" + chunk;
    }
}
