package org.concord.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Objects;

/**
 * mongo-java-server's H2 backend, persisting to one file, with two costs of the embedded server's hot paths cut, the
 * answers and the file format unchanged:
 * <ul>
 *   <li>its unique indexes compare their keys with {@link IndexKeyType}, in H2's order, without serialising both keys
 *   at every comparison (every lookup, uniqueness check and insert walks an index's B-tree);</li>
 *   <li>its collections match a {@code $in} of numbers, such as a read of event positions, with {@link NumbersIn}: a
 *   set lookup a document instead of a comparison with every listed value.</li>
 * </ul>
 * It also counts the operations it receives, reported by {@code serverStatus} in {@code opcounters} as MongoDB does
 * ({@link OperationCounters}), answers a write only once it is in the file ({@link DurableWrites}), and paces the
 * file's compaction ({@link Compaction}), reported by {@code serverStatus} under {@code h2}.
 */
public final class ConcordH2Backend extends H2Backend {

    /** How many index keys keep their serialisation (some 150 bytes each): the hot pages of every index, and more. */
    private static final long KEPT_KEYS = 200_000;

    /**
     * Shared by the backends of a JVM, and static because H2's constructor opens a file's existing indexes before a
     * field of this class is set (an instance field was still null there, and a second start on a file failed at its
     * first key of two values). A key's serialisation is its own, whichever backend asks.
     */
    private static final Cache<KeyValue, byte[]> SERIALISATIONS = IndexKeyType.serialisations(KEPT_KEYS);
    private final OperationCounters operations = new OperationCounters();
    private final DurableWrites durableWrites;
    private final Compaction compaction;

    /** Opens (or creates) the data file named, never null: an in-memory store is {@link H2Backend#inMemory()}. */
    public ConcordH2Backend(String fileName) {
        super(new MVStore.Builder().fileName(Objects.requireNonNull(fileName, "a data file"))
                .autoCompactFillRate(Compaction.H2_FILL_RATE).open());
        durableWrites = new DurableWrites(getMvStore());
        compaction = Compaction.of(getMvStore());
    }

    /** Stops the compaction, then flushes and closes the data file. */
    @Override
    public void close() {
        compaction.close();
        super.close();
    }

    /** Counts the command and, when it may have written, answers only once what it wrote is in the file (even if it failed part way). */
    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        operations.count(command);
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            if (DurableWrites.writes(command)) {
                durableWrites.store();
            }
        }
    }

    @Override
    public Document getServerStatus() {
        Document status = super.getServerStatus();
        status.put("opcounters", operations.asDocument());
        status.put("h2", storage());
        return status;
    }

    /** The data file: its size, how full it is, how live its chunks are, and what the compaction did. */
    private Document storage() {
        MVStore store = getMvStore();
        Document storage = new Document();
        storage.put("fileSize", store.getFileStore().size());
        storage.put("fillRate", store.getFillRate());
        storage.put("chunksFillRate", store.getFileStore().getChunksFillRate());
        storage.put("compactionPasses", compaction.passes());
        storage.put("compactionRewrites", compaction.rewrites());
        return storage;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * H2's database, opening each unique index's map with {@link IndexKeyType} before H2 opens it by name (the store
     * then hands H2 the map already open). H2's constructor opens the existing indexes, before a field of a subclass
     * could be set: what they need is the backend's, or static.
     */
    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, ConcordH2Backend.this.getMvStore(), ConcordH2Backend.this.getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            // the maps as H2Database names them
            String namespace = getFullCollectionNamespace(collectionName);
            MVMap<Object, Document> documents = getMvStore().openMap("databases." + namespace);
            MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
            return new FasterMatchingCollection(this, collectionName, options, documents, meta);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            // the map's name as H2Database names it (mapNameForIndex)
            getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType(SERIALISATIONS)));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
    }

    /** H2's collection, matching a {@code $in} of numbers with {@link NumbersIn}. */
    private final class FasterMatchingCollection extends H2Collection {

        /** The last query matched, made into a {@link NumbersIn} (null when it is not one) once for all its documents. */
        private record Prepared(Document query, NumbersIn numbersIn) {
        }

        private volatile Prepared prepared = new Prepared(null, null);

        FasterMatchingCollection(MongoDatabase database, String name, CollectionOptions options,
                                 MVMap<Object, Document> documents, MVMap<String, Object> meta) {
            super(database, name, options, documents, meta, ConcordH2Backend.this.getCursorRegistry());
        }

        @Override
        protected boolean documentMatchesQuery(Document document, Document query) {
            Prepared current = prepared;
            if (current.query() != query) {
                current = new Prepared(query, NumbersIn.of(query));
                prepared = current;
            }
            Boolean matches = current.numbersIn() == null ? null : current.numbersIn().matches(document);
            return matches != null ? matches : super.documentMatchesQuery(document, query);
        }
    }
}
