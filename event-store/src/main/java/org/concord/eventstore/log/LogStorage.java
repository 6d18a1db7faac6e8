package org.concord.eventstore.log;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.eventstore.MongoDuplicateKeyResolver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * The verifiable log in MongoDB, written by the {@link LogBuilder} that holds the lease and read by everyone:
 * <ul>
 * <li>{@code log_leaves} {@code {_id: leafIndex, position (unique), hash}};</li>
 * <li>{@code log_nodes} {@code {_id: level * 2^40 + index, hash}}, every complete aligned subtree of level 1 or more;</li>
 * <li>{@code log_state} {@code {_id: "builder", treeSize, coveredPosition, checkpoints, owner, leaseUntil, keys}}, {@code keys}
 * the fingerprint of the signing key and commitment secret the log is built with;</li>
 * <li>{@code log_checkpoints} {@code {_id: treeSize, number (unique, 1, 2, 3, ...), rootHash, timestamp, signature,
 * createdAt}}.</li>
 * </ul>
 * Every read is an equality or {@code $in} lookup on a unique index (the embedded server serves no range scan from
 * an index): checkpoints carry a dense number so that "the first checkpoint above a tree size" is a binary search
 * of lookups by number.
 */
public final class LogStorage {

    static final String STATE_ID = "builder";
    private static final String ID = "_id";
    private static final String POSITION = "position";
    private static final String HASH = "hash";
    private static final String TREE_SIZE = "treeSize";
    private static final String COVERED_POSITION = "coveredPosition";
    private static final String CHECKPOINTS = "checkpoints";
    private static final String OWNER = "owner";
    private static final String LEASE_UNTIL = "leaseUntil";
    private static final String NUMBER = "number";
    private static final String KEYS = "keys";
    private static final int LEVEL_SHIFT = 40;

    private final MongoCollection<Document> leaves;
    private final MongoCollection<Document> nodes;
    private final MongoCollection<Document> state;
    private final MongoCollection<Document> checkpoints;

    public LogStorage(MongoDatabase database) {
        this.leaves = database.getCollection("log_leaves");
        this.nodes = database.getCollection("log_nodes");
        this.state = database.getCollection("log_state");
        this.checkpoints = database.getCollection("log_checkpoints");
        leaves.createIndex(Indexes.ascending(POSITION), new IndexOptions().unique(true).name("position_unique"));
        checkpoints.createIndex(Indexes.ascending(NUMBER), new IndexOptions().unique(true).name("number_unique"));
    }

    /** The builders' shared state; all zero before the first build. */
    public record State(long treeSize, long coveredPosition, long checkpoints, String owner, Instant leaseUntil) {
        static final State NONE = new State(0, 0, 0, null, Instant.EPOCH);
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
        return new State(number(found, TREE_SIZE), number(found, COVERED_POSITION), number(found, CHECKPOINTS),
                found.getString(OWNER), lease == null ? Instant.EPOCH : lease.toInstant());
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
                    .append(CHECKPOINTS, 0L).append(OWNER, owner).append(LEASE_UNTIL, Date.from(until)));
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
     * Writes leaves and the subtrees they completed. Plain inserts, which the embedded server makes much cheaper than
     * upserts (no lookup before each write); a key written before (by an earlier round, or a builder that lost the lease)
     * is a duplicate that changes nothing, since the same events make the same hashes.
     */
    void write(List<Leaf> newLeaves, List<TreeFrontier.Subtree> newNodes) {
        List<Document> leafDocuments = new ArrayList<>(newLeaves.size());
        for (Leaf leaf : newLeaves) {
            leafDocuments.add(new Document(ID, leaf.leafIndex()).append(POSITION, leaf.position()).append(HASH, new Binary(leaf.hash())));
        }
        List<Document> nodeDocuments = new ArrayList<>(newNodes.size());
        for (TreeFrontier.Subtree node : newNodes) {
            if (node.level() > 0) {
                nodeDocuments.add(new Document(ID, nodeKey(node.level(), node.index())).append(HASH, new Binary(node.hash())));
            }
        }
        insertAllNew(leaves, leafDocuments);
        insertAllNew(nodes, nodeDocuments);
    }

    private static void insertAllNew(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCategory() != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
    }

    /** The key of a complete aligned subtree: {@code level * 2^40 + index}; a leaf's is its index. */
    public static long nodeKey(int level, long index) {
        return ((long) level << LEVEL_SHIFT) + index;
    }

    /**
     * The stored hashes of these subtrees, by {@link #nodeKey}: one {@code $in} for the leaves among them and one
     * for the nodes. Keys with no stored hash are absent from the answer.
     */
    public Map<Long, byte[]> hashes(Collection<Long> keys) {
        List<Long> leafKeys = keys.stream().filter(key -> key >>> LEVEL_SHIFT == 0).toList();
        List<Long> nodeKeys = keys.stream().filter(key -> key >>> LEVEL_SHIFT != 0).toList();
        Map<Long, byte[]> found = new HashMap<>();
        if (!leafKeys.isEmpty()) {
            leaves.find(Filters.in(ID, leafKeys)).forEach(document -> found.put(number(document, ID), hash(document)));
        }
        if (!nodeKeys.isEmpty()) {
            nodes.find(Filters.in(ID, nodeKeys)).forEach(document -> found.put(number(document, ID), hash(document)));
        }
        return found;
    }

    /** The leaf of the event at {@code position}, if the log holds it. */
    public Optional<Leaf> leafAt(long position) {
        return Optional.ofNullable(leaves.find(Filters.eq(POSITION, position)).first()).map(LogStorage::leaf);
    }

    /** The leaves from index {@code from} to {@code to}, inclusive, that are stored, in order. */
    public List<Leaf> leaves(long from, long to) {
        return leavesWhere(Filters.in(ID, LongStream.rangeClosed(from, to).boxed().toList()));
    }

    /** The leaves of the events at these positions, in order. */
    public List<Leaf> leavesAt(Collection<Long> positions) {
        return positions.isEmpty() ? List.of() : leavesWhere(Filters.in(POSITION, positions));
    }

    private List<Leaf> leavesWhere(org.bson.conversions.Bson filter) {
        return leaves.find(filter).map(LogStorage::leaf).into(new ArrayList<>()).stream()
                .sorted(Comparator.comparingLong(Leaf::leafIndex))
                .toList();
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

    private static Leaf leaf(Document document) {
        return new Leaf(number(document, ID), number(document, POSITION), hash(document));
    }

    private static StoredCheckpoint checkpoint(Document document) {
        return new StoredCheckpoint(number(document, NUMBER), number(document, ID), document.getString("rootHash"),
                document.getString("timestamp"), document.getString("signature"));
    }

    private static byte[] hash(Document document) {
        Object stored = document.get(HASH);
        return stored instanceof Binary binary ? binary.getData() : (byte[]) stored;
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static boolean duplicate(MongoServerException e) {
        return new MongoDuplicateKeyResolver().isDuplicateKeyViolation(e);
    }
}
