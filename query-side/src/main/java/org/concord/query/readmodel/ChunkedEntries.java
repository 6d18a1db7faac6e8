package org.concord.query.readmodel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.HashMap;
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

    private static final String ID = "_id";
    private static final String CHUNKS = "chunks";
    private static final String ENTRIES = "entries";

    private final ReadModelCollection index;
    private final ReadModelCollection chunks;
    private final long span;

    /** A key's listing: the numbers of the chunks it has entries in. Public because the record codec reads it by reflection. */
    public record Listing(@BsonId String key, @BsonProperty(CHUNKS) List<Long> chunks) {
    }

    /** One chunk of a key's entries, in the order they were appended. Public because the record codec reads it by reflection. */
    public record Chunk(@BsonId String id, @BsonProperty(ENTRIES) List<StoredEntry> entries) {
    }

    /**
     * @param span global positions per chunk: small where a key's events are dense (the embedded server
     *             rewrites a whole chunk for every entry pushed into it), larger where they are sparse
     */
    public ChunkedEntries(ReadModels readModels, String indexName, String chunksName, long span) {
        this.index = readModels.collection(indexName);
        this.chunks = readModels.collection(chunksName);
        this.span = span;
    }

    /** Appends the entry unless an entry of its event's global position is there already. */
    public void append(String key, StoredEntry entry) {
        long position = entry.position();
        long chunk = position / span;
        String chunkId = chunkId(key, chunk);
        Chunk stored = chunks.writing(Chunk.class).find(byId(chunkId))
                .projection(Projections.include(ENTRIES + "." + StoredEntry.POSITION)).first();
        boolean recorded = stored != null && stored.entries() != null
                && stored.entries().stream().anyMatch(recordedEntry -> recordedEntry.position() == position);
        if (!recorded) {
            chunks.writing().updateOne(byId(chunkId), Updates.push(ENTRIES, entry), new UpdateOptions().upsert(true));
        }
        // a new chunk is listed; so is the chunk of an event delivered again, in case the crash came before its listing
        if (stored == null || recorded) {
            index.writing().updateOne(byId(key), Updates.addToSet(CHUNKS, chunk), new UpdateOptions().upsert(true));
        }
    }

    /** Every entry of the key, in the order of their positions; none for an unknown key. */
    public List<StoredEntry> read(String key) {
        Listing listing = index.reading(Listing.class).find(byId(key)).first();
        if (listing == null) {
            return List.of();
        }
        List<Long> listed = listing.chunks().stream().sorted().toList();
        Map<String, Chunk> byId = new HashMap<>();
        chunks.reading(Chunk.class).find(Filters.in(ID, listed.stream().map(chunk -> chunkId(key, chunk)).toList()))
                .forEach(chunk -> byId.put(chunk.id(), chunk));
        List<StoredEntry> entries = new ArrayList<>();
        for (long chunk : listed) {
            Chunk stored = byId.get(chunkId(key, chunk));
            if (stored != null) {
                entries.addAll(stored.entries());
            }
        }
        return entries;
    }

    /** The key's entries of the page, in the order of their positions. */
    public List<StoredEntry> read(String key, EntryPage page) {
        return read(key).stream()
                .filter(entry -> entry.position() > page.after())
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

    private static Bson byId(String id) {
        return Filters.eq(ID, id);
    }
}
