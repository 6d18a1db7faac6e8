package org.concord.embedded;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded default's backend reads and writes the data files of mongo-java-server's own H2 backend, both ways:
 * its unique indexes keep H2's order (a lookup walks the same B-tree), and they use {@link IndexKeyType}.
 */
class ConcordH2BackendTest {

    private static final int EVENTS = 3_000;

    @Test
    void its_unique_indexes_compare_keys_with_the_index_key_type(@TempDir Path dir) {
        ConcordH2Backend backend = new ConcordH2Backend(dir.resolve("concord.mv").toString());
        withServer(backend, events -> {
            events.createIndex(Indexes.ascending("aggregateSequence"), new IndexOptions().unique(true));
            events.insertOne(event(1));
            List<String> indexMaps = backend.getMvStore().getMapNames().stream().filter(name -> name.contains("._index_")).toList();
            assertThat(indexMaps).contains("concord.events._index__id_", "concord.events._index_aggregateSequence_1");
            for (String name : indexMaps) {
                assertThat(backend.getMvStore().openMap(name).getKeyType()).as(name).isInstanceOf(IndexKeyType.class);
            }
        });
    }

    @Test
    void reads_and_extends_a_file_written_by_h2s_own_backend_and_back(@TempDir Path dir) {
        String file = dir.resolve("concord.mv").toString();
        withServer(new H2Backend(file), events -> {
            events.createIndex(Indexes.ascending("aggregateSequence"), new IndexOptions().unique(true));
            events.insertMany(LongStream.rangeClosed(1, EVENTS).mapToObj(ConcordH2BackendTest::event).toList());
        });
        withServer(new ConcordH2Backend(file), events -> {
            assertAllFound(events, EVENTS);
            assertThatThrownBy(() -> events.insertOne(event(17))).isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> events.insertOne(event(EVENTS + 1).append("aggregateSequence", sequenceOf(5))))
                    .isInstanceOf(MongoWriteException.class);
            events.insertMany(LongStream.rangeClosed(EVENTS + 1, 2L * EVENTS).mapToObj(ConcordH2BackendTest::event).toList());
            assertAllFound(events, 2 * EVENTS);
        });
        withServer(new H2Backend(file), events -> {
            assertAllFound(events, 2 * EVENTS);
            assertThatThrownBy(() -> events.insertOne(event(2L * EVENTS - 3))).isInstanceOf(MongoWriteException.class);
        });
    }

    /**
     * A second start on the same file opens its indexes while the backend is being built: keys no shortcut orders
     * (of two values, or not ASCII) must still be compared there, by the lookups and inserts after the start and by
     * H2's background compaction, which would otherwise close the store.
     */
    @Test
    void starts_again_on_its_own_file_and_compares_keys_of_several_values(@TempDir Path dir) {
        String file = dir.resolve("concord.mv").toString();
        withServer(new ConcordH2Backend(file), events -> {
            events.createIndex(Indexes.ascending("aggregate", "sequence"), new IndexOptions().unique(true));
            events.insertMany(LongStream.rangeClosed(1, EVENTS).mapToObj(ConcordH2BackendTest::keyedEvent).toList());
        });
        withServer(new ConcordH2Backend(file), events -> {
            assertThatThrownBy(() -> events.insertOne(keyedEvent(17).append("_id", EVENTS + 1L))).isInstanceOf(MongoWriteException.class);
            events.insertMany(LongStream.rangeClosed(EVENTS + 1, 2L * EVENTS).mapToObj(ConcordH2BackendTest::keyedEvent).toList());
            for (long position = 1; position <= 2L * EVENTS; position += 97) {
                Document found = events.find(Filters.and(Filters.eq("aggregate", aggregateOf(position)),
                        Filters.eq("sequence", position))).first();
                assertThat(found).as("position %d by its key", position).isNotNull();
                assertThat(found.getLong("_id")).isEqualTo(position);
            }
        });
    }

    /**
     * A server that dies (kill -9) has written nothing more to its file: H2's {@code closeImmediately} does just that.
     * Every write it acknowledged before must be found by the next start.
     */
    @Test
    void every_write_it_acknowledged_survives_the_process_dying(@TempDir Path dir) {
        String file = dir.resolve("concord.mv").toString();
        ConcordH2Backend dying = new ConcordH2Backend(file);
        withServer(dying, events -> {
            events.createIndex(Indexes.ascending("aggregate", "sequence"), new IndexOptions().unique(true));
            for (long position = 1; position <= 500; position++) {
                events.insertOne(keyedEvent(position));
            }
            events.updateOne(Filters.eq("_id", 7L), new Document("$set", new Document("payload", "changed")));
            events.deleteOne(Filters.eq("_id", 9L));
            dying.getMvStore().closeImmediately();
        });
        withServer(new ConcordH2Backend(file), events -> {
            assertThat(events.countDocuments()).isEqualTo(499);
            assertThat(events.find(Filters.eq("_id", 500L)).first()).as("the last write acknowledged").isNotNull();
            assertThat(events.find(Filters.eq("_id", 7L)).first().getString("payload")).isEqualTo("changed");
            assertThat(events.find(Filters.eq("_id", 9L)).first()).isNull();
            assertThatThrownBy(() -> events.insertOne(keyedEvent(17).append("_id", 501L))).isInstanceOf(MongoWriteException.class);
        });
    }

    @Test
    void server_status_counts_each_operation_once_by_its_kind_as_mongodb_does(@TempDir Path dir) {
        withDatabase(new ConcordH2Backend(dir.resolve("concord.mv").toString()), database -> {
            MongoCollection<Document> events = database.getCollection("events");
            Document before = opcounters(database);
            events.insertMany(LongStream.rangeClosed(1, 250).mapToObj(ConcordH2BackendTest::event).toList());
            events.insertOne(event(251));
            events.find(Filters.gt("_id", 0L)).batchSize(100).into(new java.util.ArrayList<>());
            events.updateOne(Filters.eq("_id", 1L), new Document("$set", new Document("payload", "changed")));
            events.deleteMany(Filters.lt("_id", 10L));
            events.countDocuments();
            Document after = opcounters(database);

            // one insert of 250 documents counts once, like one of 1; 251 found in batches of 100: a find, then 2 getMores
            assertThat(after.getLong("insert") - before.getLong("insert")).as("insert").isEqualTo(2);
            assertThat(after.getLong("query") - before.getLong("query")).as("query").isEqualTo(1);
            assertThat(after.getLong("getmore") - before.getLong("getmore")).as("getmore").isEqualTo(2);
            assertThat(after.getLong("update") - before.getLong("update")).as("update").isEqualTo(1);
            assertThat(after.getLong("delete") - before.getLong("delete")).as("delete").isEqualTo(1);
            // countDocuments is an aggregate; the first serverStatus is one too
            assertThat(after.getLong("command") - before.getLong("command")).as("command").isEqualTo(2);
        });
    }

    @Test
    void server_status_reports_the_data_file_and_its_compaction(@TempDir Path dir) {
        Path file = dir.resolve("concord.mv");
        withDatabase(new ConcordH2Backend(file.toString()), database -> {
            database.getCollection("events").insertMany(LongStream.rangeClosed(1, 250).mapToObj(ConcordH2BackendTest::event).toList());
            Document h2 = database.runCommand(new Document("serverStatus", 1)).get("h2", Document.class);

            assertThat(h2.getLong("fileSize")).as("fileSize").isEqualTo(file.toFile().length()).isPositive();
            assertThat(h2.getInteger("fillRate")).as("fillRate").isBetween(1, 100);
            assertThat(h2.getInteger("chunksFillRate")).as("chunksFillRate").isBetween(1, 100);
            // a new file's chunks are live: nothing to compact yet
            assertThat(h2.getLong("compactionPasses")).as("compactionPasses").isZero();
            assertThat(h2.getLong("compactionRewrites")).as("compactionRewrites").isZero();
        });
    }

    private static Document opcounters(MongoDatabase database) {
        return database.runCommand(new Document("serverStatus", 1)).get("opcounters", Document.class);
    }

    private static void assertAllFound(MongoCollection<Document> events, int count) {
        List<Long> positions = LongStream.rangeClosed(1, count).boxed().toList();
        assertThat(events.find(Filters.in("_id", positions)).into(new java.util.ArrayList<>())).hasSize(count);
        for (long position = 1; position <= count; position += 97) {
            Document found = events.find(Filters.eq("aggregateSequence", sequenceOf(position))).first();
            assertThat(found).as("position %d by its key", position).isNotNull();
            assertThat(found.getLong("_id")).isEqualTo(position);
        }
        assertThat(events.find(Filters.eq("_id", count + 1L)).first()).isNull();
    }

    private static Document event(long position) {
        return new Document("_id", position).append("aggregateSequence", sequenceOf(position)).append("payload", "p" + position);
    }

    /** An event keyed by its aggregate, an identifier that is not ASCII, and its sequence, as the store's key is. */
    private static Document keyedEvent(long position) {
        return new Document("_id", position).append("aggregate", aggregateOf(position)).append("sequence", position);
    }

    private static String aggregateOf(long position) {
        return "consultation-é-" + (position % 7);
    }

    /** Keys of varying length, as aggregate identifiers with sequence numbers are. */
    private static String sequenceOf(long position) {
        return "consultation-" + (position % 7) + ":" + position;
    }

    private static void withServer(MongoBackend backend, Consumer<MongoCollection<Document>> use) {
        withDatabase(backend, database -> use.accept(database.getCollection("events")));
    }

    private static void withDatabase(MongoBackend backend, Consumer<MongoDatabase> use) {
        MongoServer server = new MongoServer(backend);
        try {
            String address = "mongodb://127.0.0.1:" + server.bind().getPort();
            try (MongoClient client = MongoClients.create(address)) {
                use.accept(client.getDatabase("concord"));
            }
        } finally {
            server.shutdown();
        }
    }
}
