package org.concord.query.readmodel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ordered logs of entries, one per key (a consultation's timeline, a participant's audit trail), each
 * entry carrying the global position of its event. A key's entries are kept in chunks, one per
 * {@code span} global positions, listed in one index document per key, so that reading a log is two
 * lookups by id whatever the size of the store: the embedded server's unique index serves only a filter
 * on exactly {@code _id} and reads the whole collection for any other.
 * <p>
 * Appending is idempotent, so an event delivered again changes nothing, but not safe against a
 * concurrent append to the same key: the caller's processing group must hand one key's events to one
 * thread at a time.
 */
public final class ChunkedEntries {

    private final ReadModelCollection index;
    private final ReadModelCollection chunks;
    private final long span;

    /**
     * @param span global positions per chunk: small where a key's events are dense (the embedded server
     *             rewrites a whole chunk for every entry pushed into it), larger where they are sparse
     */
    public ChunkedEntries(ReadModels readModels, String indexName, String chunksName, long span) {
        this.index = readModels.collection(indexName);
        this.chunks = readModels.collection(chunksName);
        this.span = span;
    }

    /** Appends the entry, whose {@code position} field is its event's global position, unless it is there already. */
    public void append(String key, Document entry) {
        long position = entry.getLong("position");
        long chunk = position / span;
        String chunkId = chunkId(key, chunk);
        Document stored = chunks.writing().find(Filters.eq("_id", chunkId)).projection(Projections.include("entries.position")).first();
        boolean recorded = stored != null && stored.getList("entries", Document.class, List.of()).stream()
                .anyMatch(recordedEntry -> recordedEntry.getLong("position") == position);
        if (!recorded) {
            chunks.writing().updateOne(Filters.eq("_id", chunkId), Updates.push("entries", entry), new UpdateOptions().upsert(true));
        }
        // a new chunk is listed; so is the chunk of an event delivered again, in case the crash came before its listing
        if (stored == null || recorded) {
            index.writing().updateOne(Filters.eq("_id", key), Updates.addToSet("chunks", chunk), new UpdateOptions().upsert(true));
        }
    }

    /** Every entry of the key, in the order of their positions; none for an unknown key. */
    public List<Document> read(String key) {
        Document listing = index.reading().find(Filters.eq("_id", key)).first();
        if (listing == null) {
            return List.of();
        }
        List<Long> listed = listing.getList("chunks", Number.class).stream().map(Number::longValue).sorted().toList();
        Map<Object, Document> byId = new LinkedHashMap<>();
        chunks.reading().find(Filters.in("_id", listed.stream().map(chunk -> chunkId(key, chunk)).toList()))
                .forEach(chunk -> byId.put(chunk.get("_id"), chunk));
        List<Document> entries = new ArrayList<>();
        for (long chunk : listed) {
            Document stored = byId.get(chunkId(key, chunk));
            if (stored != null) {
                entries.addAll(stored.getList("entries", Document.class));
            }
        }
        return entries;
    }

    /** The key's entries of the page, in the order of their positions. */
    public List<Document> read(String key, EntryPage page) {
        return read(key).stream()
                .filter(entry -> entry.getLong("position") > page.after())
                .limit(page.limit() > 0 ? page.limit() : Long.MAX_VALUE)
                .toList();
    }

    public void reset() {
        index.writing().drop();
        chunks.writing().drop();
    }

    private static String chunkId(String key, long chunk) {
        return key + ":" + chunk;
    }
}
