package org.concord.query.readmodel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;
import org.bson.codecs.pojo.annotations.BsonProperty;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * Appends the entry unless an entry of its event's global position is there already. While a processor handles a
     * batch of events ({@link BatchedAppends}), the batch's entries are written together once its last event has been
     * handled, before its progress is stored: a few lookups and writes a batch, where each entry took two or three.
     */
    public void append(String key, StoredEntry entry) {
        List<Pending> batch = BatchedAppends.pendingOf(this);
        if (batch != null) {
            batch.add(new Pending(key, entry));
        } else {
            write(List.of(new Pending(key, entry)));
        }
    }

    /** An entry waiting for the end of its batch. */
    record Pending(String key, StoredEntry entry) {
    }

    /**
     * Writes the entries in their order, each unless its chunk holds an entry of its position already: one lookup of
     * the chunks they go to, one write for the chunks, and one for the listings of the chunks that were new or
     * (an event delivered again, in case the crash came before its listing) held some of the entries already.
     */
    void write(List<Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, List<Pending>> byChunk = new LinkedHashMap<>();
        for (Pending next : pending) {
            byChunk.computeIfAbsent(chunkId(next.key(), next.entry().position() / span), id -> new ArrayList<>()).add(next);
        }
        Map<String, Set<Long>> recordedByChunk = new HashMap<>();
        chunks.writing(Chunk.class).find(Filters.in(ID, List.copyOf(byChunk.keySet())))
                .projection(Projections.include(ENTRIES + "." + StoredEntry.POSITION))
                .forEach(chunk -> recordedByChunk.put(chunk.id(), chunk.entries() == null ? Set.of()
                        : chunk.entries().stream().map(StoredEntry::position).collect(Collectors.toSet())));
        List<WriteModel<Document>> pushes = new ArrayList<>();
        List<WriteModel<Document>> listings = new ArrayList<>();
        byChunk.forEach((chunkId, entries) -> {
            Set<Long> recorded = recordedByChunk.get(chunkId);
            Set<Long> positions = new HashSet<>(recorded == null ? Set.of() : recorded);
            List<StoredEntry> fresh = entries.stream().map(Pending::entry).filter(entry -> positions.add(entry.position())).toList();
            if (!fresh.isEmpty()) {
                pushes.add(new UpdateOneModel<>(byId(chunkId), Updates.pushEach(ENTRIES, fresh), new UpdateOptions().upsert(true)));
            }
            if (recorded == null || fresh.size() < entries.size()) {
                Pending first = entries.get(0);
                listings.add(new UpdateOneModel<>(byId(first.key()), Updates.addToSet(CHUNKS, first.entry().position() / span),
                        new UpdateOptions().upsert(true)));
            }
        });
        if (!pushes.isEmpty()) {
            chunks.writing().bulkWrite(pushes);
        }
        if (!listings.isEmpty()) {
            index.writing().bulkWrite(listings);
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
