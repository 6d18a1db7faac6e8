package org.concord.eventstore.log;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.eventstore.MongoDuplicateKeyResolver;
import org.concord.verifier.Merkle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * The verifiable log in MongoDB, written by the {@link LogBuilder} that holds the lease and read by everyone:
 * <ul>
 * <li>{@code log_tiles} {@code {_id: level * 2^40 + index, level, width, hashes, positions, firstPosition}}: the tree
 * in tiles ({@link Tiles}, C2SP tlog-tiles, 256 hashes a tile), {@code hashes} the {@code width} hashes end to end;
 * a level-0 tile holds leaf hashes with the position of each leaf's event in {@code positions}, and its first in
 * {@code firstPosition}; a partial tile is rewritten wider as the tree grows;</li>
 * <li>{@code log_state} {@code {_id: "builder", treeSize, coveredPosition, checkpoints, owner, leaseUntil, keys, format,
 * refused}}, {@code keys} the fingerprint of the signing key and commitment secret the log is built with,
 * {@code format} "tiles" once the tree is stored so ({@link TileMigration}), {@code refused} why a rebuilt tree is
 * not served;</li>
 * <li>{@code log_checkpoints} {@code {_id: treeSize, number (unique, 1, 2, 3, ...), rootHash, timestamp, signature,
 * createdAt}}.</li>
 * </ul>
 * Every read is an equality or {@code $in} lookup on a unique index (the embedded server serves no range scan from
 * an index): checkpoints carry a dense number so that "the first checkpoint above a tree size" is a binary search
 * of lookups by number; an event's leaf is found through the first position of every level-0 tile, kept in memory.
 * Tiles read are kept in memory, as a tile only grows: a proof reads at most one tile per level, none once cached.
 */
public final class LogStorage {

    /** How many tiles are kept in memory by default (a complete level-0 tile takes some 18 KB with its inner hashes). */
    public static final int CACHED_TILES = 1000;
    static final String STATE_ID = "builder";
    static final String OLD_LEAVES = "log_leaves";
    static final String OLD_NODES = "log_nodes";
    private static final String ID = "_id";
    private static final String LEVEL = "level";
    private static final String WIDTH = "width";
    private static final String HASHES = "hashes";
    private static final String POSITIONS = "positions";
    private static final String FIRST_POSITION = "firstPosition";
    private static final String TREE_SIZE = "treeSize";
    private static final String COVERED_POSITION = "coveredPosition";
    private static final String CHECKPOINTS = "checkpoints";
    private static final String OWNER = "owner";
    private static final String LEASE_UNTIL = "leaseUntil";
    private static final String NUMBER = "number";
    private static final String KEYS = "keys";
    private static final String FORMAT = "format";
    private static final String TILES = "tiles";
    private static final String REFUSED = "refused";
    private static final int LOOKUP_CHUNK = 1000;

    private final MongoDatabase database;
    private final MongoCollection<Document> tileDocuments;
    private final MongoCollection<Document> state;
    private final MongoCollection<Document> checkpoints;
    private final Tiles tiles;
    private final Cache<Long, Tile> known;
    /** The first position of each level-0 tile, of the first {@link #indexedTiles}. */
    private long[] firstPositions = new long[64];
    private int indexedTiles;
    private volatile boolean servable;
    /** The largest tree size {@link #state()} has read: the tree only grows. */
    private final AtomicLong largestTreeSize = new AtomicLong();

    public LogStorage(MongoDatabase database) {
        this(database, CACHED_TILES);
    }

    public LogStorage(MongoDatabase database, int cachedTiles) {
        this(database, Tiles.HEIGHT, cachedTiles);
    }

    LogStorage(MongoDatabase database, int tileHeight, int cachedTiles) {
        this.database = database;
        this.tileDocuments = database.getCollection("log_tiles");
        this.state = database.getCollection("log_state");
        this.checkpoints = database.getCollection("log_checkpoints");
        this.tiles = new Tiles(tileHeight);
        this.known = Caffeine.newBuilder().maximumSize(cachedTiles).build();
        checkpoints.createIndex(Indexes.ascending(NUMBER), new IndexOptions().unique(true).name("number_unique"));
    }

    /** The builders' shared state; all zero before the first build. */
    public record State(long treeSize, long coveredPosition, long checkpoints, String owner, Instant leaseUntil,
                        boolean tiles, String refused) {
        static final State NONE = new State(0, 0, 0, null, Instant.EPOCH, true, null);
    }

    /** One leaf: the event at {@code position} is the log's entry {@code leafIndex}. */
    public record Leaf(long leafIndex, long position, byte[] hash) {
    }

    /** A signed checkpoint as stored; {@code number} counts them from 1. */
    public record StoredCheckpoint(long number, long treeSize, String rootHash, String timestamp, String signature) {
    }

    public State state() {
        Document found = state.find(Filters.eq(ID, STATE_ID)).first();
        if (found == null) {
            return State.NONE;
        }
        Date lease = found.getDate(LEASE_UNTIL);
        largestTreeSize.accumulateAndGet(number(found, TREE_SIZE), Math::max);
        return new State(number(found, TREE_SIZE), number(found, COVERED_POSITION), number(found, CHECKPOINTS),
                found.getString(OWNER), lease == null ? Instant.EPOCH : lease.toInstant(), TILES.equals(found.getString(FORMAT)),
                found.getString(REFUSED));
    }

    /**
     * The tree's size if it is at least {@code size}, without reading it when a size read before was: a proof or a
     * page of entries within a tree already seen costs no read of the state. Otherwise the size read now.
     */
    public long treeSizeOfAtLeast(long size) {
        long known = largestTreeSize.get();
        return size <= known ? known : state().treeSize();
    }

    /** Takes the lease, or extends it, unless another owner holds it past {@code now}. */
    boolean takeLease(String owner, Instant now, Instant until) {
        long matched = state.updateOne(Filters.and(Filters.eq(ID, STATE_ID),
                        Filters.or(Filters.eq(OWNER, owner), Filters.lte(LEASE_UNTIL, Date.from(now)))),
                Updates.combine(Updates.set(OWNER, owner), Updates.set(LEASE_UNTIL, Date.from(until)))).getMatchedCount();
        if (matched > 0) {
            return true;
        }
        try {
            state.insertOne(new Document(ID, STATE_ID).append(TREE_SIZE, 0L).append(COVERED_POSITION, 0L)
                    .append(CHECKPOINTS, 0L).append(OWNER, owner).append(LEASE_UNTIL, Date.from(until)).append(FORMAT, TILES));
            return true;
        } catch (MongoServerException e) {
            if (duplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The fingerprint of the keys the log is built with: the first builder's, recorded then; every later builder
     * must have the same (one signing key, one commitment secret for the whole log).
     */
    String keysOfTheLog(String fingerprint) {
        state.updateOne(Filters.and(Filters.eq(ID, STATE_ID), Filters.exists(KEYS, false)), Updates.set(KEYS, fingerprint));
        Document found = state.find(Filters.eq(ID, STATE_ID)).projection(Projections.include(KEYS)).first();
        return found == null ? null : found.getString(KEYS);
    }

    /** Records that the log's checkpoints are signed from now on with the key {@code to} names, in place of {@code from}'s. */
    boolean rotateKeysOfTheLog(String from, String to) {
        return state.updateOne(Filters.and(Filters.eq(ID, STATE_ID), Filters.eq(KEYS, from)), Updates.set(KEYS, to))
                .getModifiedCount() == 1 || to.equals(keysOfTheLog(to));
    }

    /**
     * Gives the lease up at once, so that another builder need not wait for it to run out; within 2 s, as a process
     * that stops must not wait for a MongoDB already gone (the lease then simply runs out).
     */
    void releaseLease(String owner) {
        state.withTimeout(2, TimeUnit.SECONDS).updateOne(Filters.and(Filters.eq(ID, STATE_ID), Filters.eq(OWNER, owner)),
                Updates.set(LEASE_UNTIL, Date.from(Instant.EPOCH)));
    }

    /**
     * Records that the tree grew from {@code fromSize} to {@code toSize} leaves, covering the store up to
     * {@code coveredPosition}, and extends the lease; false, and nothing changed, when {@code owner} no longer holds
     * the lease or the tree is not at {@code fromSize}.
     */
    boolean advance(String owner, long fromSize, long toSize, long coveredPosition, Instant leaseUntil) {
        return state.updateOne(Filters.and(Filters.eq(ID, STATE_ID), Filters.eq(OWNER, owner), Filters.eq(TREE_SIZE, fromSize)),
                Updates.combine(Updates.set(TREE_SIZE, toSize), Updates.set(COVERED_POSITION, coveredPosition),
                        Updates.set(LEASE_UNTIL, Date.from(leaseUntil)))).getMatchedCount() > 0;
    }

    /**
     * Writes tiles, each in place of the stored one unless that is wider: one written by a builder that went further
     * and then lost the lease holds the same hashes for the entries this one has (the same events make the same
     * hashes), and more.
     */
    void write(List<Tile> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<ReplaceOneModel<Document>> replacements = new ArrayList<>(changed.size());
        for (Tile tile : changed) {
            long key = Tiles.key(tile.level(), tile.index());
            Document document = new Document(ID, key).append(LEVEL, tile.level()).append(WIDTH, tile.width())
                    .append(HASHES, new Binary(tile.hashes()));
            if (tile.level() == 0) {
                document.append(FIRST_POSITION, tile.position(0))
                        .append(POSITIONS, LongStream.of(tile.positions()).boxed().toList());
            }
            replacements.add(new ReplaceOneModel<>(Filters.and(Filters.eq(ID, key), Filters.lte(WIDTH, tile.width())), document,
                    new ReplaceOptions().upsert(true)));
        }
        try {
            tileDocuments.bulkWrite(replacements, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // a wider tile is stored: the upsert found no narrower one to replace and could not insert
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCategory() != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /** The log's tile arithmetic. */
    Tiles tiles() {
        return tiles;
    }

    /**
     * Runs a computation on the tree (a root, a proof, the builder's right edge): the tiles it reads are found by
     * running it once on stand-in hashes, those not in memory read in one {@code $in}, and it is run on them.
     */
    public <T> T withTree(Function<Merkle.Subtrees, T> computation) {
        Map<Long, Tile> read = tiles(tiles.tilesRead(computation));
        return computation.apply(tiles.subtrees(read::get));
    }

    /**
     * These tiles, each at least as wide as asked (or as wide as stored, if narrower); those not stored are absent.
     * Tiles in memory wide enough are not read.
     */
    Map<Long, Tile> tiles(Map<Long, Integer> widths) {
        Map<Long, Tile> found = new HashMap<>();
        List<Long> toRead = new ArrayList<>();
        widths.forEach((key, width) -> {
            Tile cached = known.getIfPresent(key);
            if (cached != null && cached.width() >= width) {
                found.put(key, cached);
            } else {
                toRead.add(key);
            }
        });
        if (!toRead.isEmpty()) {
            tileDocuments.find(Filters.in(ID, toRead)).forEach(document -> {
                Tile tile = tile(document);
                long key = Tiles.key(tile.level(), tile.index());
                found.put(key, known.asMap().merge(key, tile, (kept, read) -> read.width() >= kept.width() ? read : kept));
            });
        }
        return found;
    }

    /** The leaf of the event at {@code position}, if the log holds it. */
    public Optional<Leaf> leafAt(long position) {
        return leavesAt(List.of(position)).stream().findFirst();
    }

    /** The leaves from index {@code from} to {@code to}, inclusive, that are stored, in order. */
    public List<Leaf> leaves(long from, long to) {
        int width = tiles.width();
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        for (long tile = from / width; tile <= to / width; tile++) {
            wanted.put(Tiles.key(0, tile), (int) Math.min(width, to - tile * width + 1));
        }
        Map<Long, Tile> read = tiles(wanted);
        List<Leaf> found = new ArrayList<>();
        for (long index = from / width; index <= to / width; index++) {
            Tile tile = read.get(Tiles.key(0, index));
            if (tile == null) {
                continue;
            }
            long first = index * width;
            for (long leaf = Math.max(from, first); leaf <= Math.min(to, first + tile.width() - 1); leaf++) {
                found.add(leaf(tile, (int) (leaf - first)));
            }
        }
        return found;
    }

    /** The leaves of the events at these positions, in order. */
    public List<Leaf> leavesAt(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> holding = tilesHolding(positions);
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        holding.forEach((position, tile) -> wanted.put(Tiles.key(0, tile), tiles.width()));
        Map<Long, Tile> read = new HashMap<>();
        for (Long key : wanted.keySet()) {
            // a complete tile never changes; a partial one is read again, as it may hold the positions by now
            Tile cached = known.getIfPresent(key);
            if (cached != null && cached.width() == tiles.width()) {
                read.put(key, cached);
            }
        }
        wanted.keySet().removeAll(read.keySet());
        read.putAll(tiles(wanted));
        List<Leaf> found = new ArrayList<>();
        holding.forEach((position, index) -> {
            Tile tile = read.get(Tiles.key(0, index));
            int entry = tile == null ? -1 : tile.entryOf(position);
            if (entry >= 0) {
                found.add(leaf(tile, entry));
            }
        });
        found.sort(Comparator.comparingLong(Leaf::leafIndex));
        return found;
    }

    /**
     * The level-0 tile that would hold each position (the last whose first position is at most it), for the
     * positions some tile could hold: a binary search of the tiles' first positions, read once and extended as tiles
     * are added (positions grow with leaf indexes, with gaps where no event is).
     */
    private synchronized Map<Long, Long> tilesHolding(Collection<Long> positions) {
        long highest = positions.stream().mapToLong(Long::longValue).max().orElseThrow();
        if (indexedTiles == 0 || highest >= firstPositions[indexedTiles - 1]) {
            extendIndex();
        }
        Map<Long, Long> holding = new LinkedHashMap<>();
        for (long position : positions) {
            int found = Arrays.binarySearch(firstPositions, 0, indexedTiles, position);
            long tile = found >= 0 ? found : -found - 2;
            if (tile >= 0) {
                holding.put(position, tile);
            }
        }
        return holding;
    }

    /** Adds the first positions of the level-0 tiles added since the index was last extended. */
    private void extendIndex() {
        long treeSize = state().treeSize();
        long count = (treeSize + tiles.width() - 1) / tiles.width();
        while (indexedTiles < count) {
            int from = indexedTiles;
            int to = (int) Math.min(count, from + LOOKUP_CHUNK);
            List<Long> keys = LongStream.range(from, to).mapToObj(index -> Tiles.key(0, index)).toList();
            Map<Long, Long> firsts = new HashMap<>();
            tileDocuments.find(Filters.in(ID, keys)).projection(Projections.include(FIRST_POSITION))
                    .forEach(document -> firsts.put(number(document, ID), number(document, FIRST_POSITION)));
            if (firstPositions.length < to) {
                firstPositions = Arrays.copyOf(firstPositions, Math.max(to, firstPositions.length * 2));
            }
            for (int index = from; index < to; index++) {
                Long first = firsts.get(Tiles.key(0, index));
                if (first == null) {
                    throw new IllegalStateException("The log's tile 0/" + index + " of a tree of " + treeSize + " leaves is not stored");
                }
                firstPositions[index] = first;
            }
            indexedTiles = to;
        }
    }

    /**
     * Why the stored tree may not be served, if it may not: it is still being rebuilt in tiles from the format before
     * them, or the rebuilt tree did not match the signed checkpoints ({@link TileMigration}).
     */
    public Optional<String> unservable() {
        if (servable) {
            return Optional.empty();
        }
        State now = state();
        if (now.refused() != null) {
            return Optional.of(now.refused());
        }
        if (!now.tiles()) {
            return Optional.of("The log's tree is being rebuilt in tiles from the events; it is served again once rebuilt.");
        }
        servable = true;
        return Optional.empty();
    }

    /** Records that the tree is stored in tiles, then drops the tree of the format before them. */
    void tilesBuilt() {
        state.updateOne(Filters.eq(ID, STATE_ID), Updates.combine(Updates.set(FORMAT, TILES), Updates.unset(REFUSED)));
        database.getCollection(OLD_LEAVES).drop();
        database.getCollection(OLD_NODES).drop();
    }

    /** Records that the tree rebuilt in tiles may not be served, and why. */
    void refuseTiles(String why) {
        state.updateOne(Filters.eq(ID, STATE_ID), Updates.set(REFUSED, why));
    }

    /** Stores a checkpoint; false when one with its tree size or number is already stored. */
    boolean insertCheckpoint(StoredCheckpoint checkpoint, Instant createdAt) {
        try {
            checkpoints.insertOne(new Document(ID, checkpoint.treeSize()).append(NUMBER, checkpoint.number())
                    .append("rootHash", checkpoint.rootHash()).append("timestamp", checkpoint.timestamp())
                    .append("signature", checkpoint.signature()).append("createdAt", Date.from(createdAt)));
            return true;
        } catch (MongoServerException e) {
            if (duplicate(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Raises the count of checkpoints in the state to {@code count} (never lowers it). */
    void countCheckpoints(long count) {
        state.updateOne(Filters.eq(ID, STATE_ID), Updates.max(CHECKPOINTS, count));
    }

    public Optional<StoredCheckpoint> checkpoint(long number) {
        return Optional.ofNullable(checkpoints.find(Filters.eq(NUMBER, number)).first()).map(LogStorage::checkpoint);
    }

    public Optional<StoredCheckpoint> checkpointOfSize(long treeSize) {
        return Optional.ofNullable(checkpoints.find(Filters.eq(ID, treeSize)).first()).map(LogStorage::checkpoint);
    }

    /** The checkpoints numbered {@code from} to {@code to}, inclusive, in order. */
    public List<StoredCheckpoint> checkpoints(long from, long to) {
        if (to < from) {
            return List.of();
        }
        return checkpoints.find(Filters.in(NUMBER, LongStream.rangeClosed(from, to).boxed().toList()))
                .map(LogStorage::checkpoint).into(new ArrayList<>()).stream()
                .sorted(Comparator.comparingLong(StoredCheckpoint::number))
                .toList();
    }

    /**
     * The number of the first of the {@code count} checkpoints whose tree size is above {@code treeSize}, or
     * {@code count + 1} when none is: a binary search by number, as tree sizes grow with the numbers.
     */
    public long firstCheckpointAbove(long treeSize, long count) {
        long low = 1;
        long high = count + 1;
        while (low < high) {
            long middle = low + (high - low) / 2;
            Optional<StoredCheckpoint> found = checkpoint(middle);
            if (found.isPresent() && found.get().treeSize() > treeSize) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    private Leaf leaf(Tile tile, int entry) {
        return new Leaf(tile.index() * tiles.width() + entry, tile.position(entry), tile.hash(entry));
    }

    private static Tile tile(Document document) {
        long key = number(document, ID);
        Object stored = document.get(HASHES);
        byte[] hashes = stored instanceof Binary binary ? binary.getData() : (byte[]) stored;
        List<?> positions = document.getList(POSITIONS, Object.class, List.of());
        return new Tile(Tiles.levelOf(key), Tiles.indexOf(key), hashes,
                positions.stream().mapToLong(position -> ((Number) position).longValue()).toArray());
    }

    private static StoredCheckpoint checkpoint(Document document) {
        return new StoredCheckpoint(number(document, NUMBER), number(document, ID), document.getString("rootHash"),
                document.getString("timestamp"), document.getString("signature"));
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static boolean duplicate(MongoServerException e) {
        return new MongoDuplicateKeyResolver().isDuplicateKeyViolation(e);
    }
}
