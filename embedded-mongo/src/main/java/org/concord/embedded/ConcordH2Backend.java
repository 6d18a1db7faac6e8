package org.concord.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;

import java.util.List;

/**
 * mongo-java-server's H2 backend, persisting to one file, whose unique indexes compare their keys with
 * {@link IndexKeyType}: in H2's order, without serialising both keys at every comparison (every lookup, uniqueness
 * check and insert walks an index's B-tree). The answers and the file format are unchanged.
 */
public final class ConcordH2Backend extends H2Backend {

    /** How many index keys keep their serialisation (some 150 bytes each): the hot pages of every index, and more. */
    private static final long KEPT_KEYS = 200_000;

    private final Cache<KeyValue, byte[]> serialisations = IndexKeyType.serialisations(KEPT_KEYS);

    public ConcordH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName);
    }

    /**
     * H2's database, opening each unique index's map with {@link IndexKeyType} before H2 opens it by name (the store
     * then hands H2 the map already open). An inner class: H2's constructor opens the existing indexes, before a
     * field of a subclass could be set, and the backend is there already.
     */
    private final class Database extends H2Database {

        Database(String databaseName) {
            super(databaseName, ConcordH2Backend.this.getMvStore(), ConcordH2Backend.this.getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                        boolean sparse) {
            // the map's name as H2Database names it (mapNameForIndex)
            getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType(serialisations)));
            return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        }
    }
}
