package org.concord.eventstore.log;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.eventstore.RawEventLog;
import org.concord.eventstore.SafeEventLog;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.MovableClock;
import org.concord.testing.TestMongoDatabase;
import org.concord.verifier.Checkpoint;
import org.concord.verifier.Hex;
import org.concord.verifier.Merkle;
import org.concord.verifier.MerkleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A log stored before tiles ({@code log_leaves}, {@code log_nodes}, as the landed format wrote them) is rebuilt in
 * tiles from the events when a builder takes the lease: its checkpoints and state are kept, its proofs lead to the
 * checkpoints signed before, it grows on, and the old collections are dropped. If the events no longer make the
 * signed tree, the tiles are refused and the old collections kept.
 */
@ExtendWith(MongoDbExtension.class)
class TileMigrationTest {

    private static final int EVENTS = 300;
    private static final long FIRST_CHECKPOINT = 150;

    @TempDir
    Path keysDirectory;
    private MongoClient client;
    private MongoDatabase database;
    private SequencedMongoEventStorageEngine store;
    private LogKeys keys;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void open(TestMongoDatabase test) {
        client = MongoClients.create(test.uri());
        database = client.getDatabase(test.name());
        store = (SequencedMongoEventStorageEngine) SafeEventLog.reading(database);
        keys = LogKeys.open(keysDirectory);
        appendRounds(0, EVENTS);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aLogStoredBeforeTilesIsRebuiltInTilesAndGrowsOn() {
        List<byte[]> leaves = writeTheLandedFormat();

        assertThat(builder().build()).isTrue();

        assertThat(collections()).doesNotContain("log_leaves", "log_nodes").contains("log_tiles", "log_checkpoints", "log_state");
        LogStorage storage = new LogStorage(database);
        LogStorage.State state = storage.state();
        assertThat(state.tiles()).isTrue();
        assertThat(state.refused()).isNull();
        assertThat(state.treeSize()).isEqualTo(EVENTS);
        assertThat(storage.unservable()).isEmpty();
        assertThat(storage.leaves(0, EVENTS)).extracting(leaf -> Hex.of(leaf.hash()))
                .containsExactlyElementsOf(leaves.stream().map(Hex::of).toList());
        assertThat(storage.leafAt(77)).get().extracting(LogStorage.Leaf::leafIndex).isEqualTo(76L);
        for (long number = 1; number <= 2; number++) {
            LogStorage.StoredCheckpoint signed = storage.checkpoint(number).orElseThrow();
            byte[] root = Hex.parse(signed.rootHash());
            byte[] rebuilt = storage.withTree(tree -> Merkle.root(tree, signed.treeSize()));
            assertThat(rebuilt).isEqualTo(root);
            List<byte[]> path = storage.withTree(tree -> Merkle.inclusionProof(tree, 123, signed.treeSize()));
            assertThat(Merkle.verifyInclusion(leaves.get(123), 123, signed.treeSize(), path, root)).isTrue();
        }
        assertThat(state.checkpoints()).as("no checkpoint: the tree did not grow").isEqualTo(2);

        appendRounds(EVENTS, 10);
        assertThat(builder().build()).isTrue();
        LogStorage.StoredCheckpoint grown = storage.checkpoint(3).orElseThrow();
        assertThat(grown.treeSize()).isEqualTo(EVENTS + 10);
        List<byte[]> all = storage.leaves(0, EVENTS + 10).stream().map(LogStorage.Leaf::hash).toList();
        assertThat(all.subList(0, EVENTS)).containsExactlyElementsOf(leaves);
        assertThat(grown.rootHash()).isEqualTo(Hex.of(Merkle.root(all)));
    }

    @Test
    void aRebuiltTreeThatDoesNotMatchItsCheckpointsIsRefusedAndTheOldOneKept() {
        writeTheLandedFormat();
        // an event below the first checkpoint changed after the log recorded it
        database.getCollection("events").updateOne(Filters.eq("_id", 42L), Updates.set("payload",
                new Binary("{\"consultationId\":\"c-1\",\"round\":999}".getBytes(StandardCharsets.UTF_8))));

        assertThat(builder().build()).isFalse();

        LogStorage storage = new LogStorage(database);
        assertThat(storage.state().tiles()).isFalse();
        assertThat(storage.unservable()).get().asString()
                .contains("does not match its signed checkpoints", "the checkpoint of " + FIRST_CHECKPOINT + " leaves");
        assertThat(collections()).contains("log_leaves", "log_nodes");
        assertThat(builder().build()).as("refused again, without rebuilding").isFalse();
    }

    private LogBuilder builder() {
        return new LogBuilder(store, new LogStorage(database), keys, clock, "new", Duration.ofSeconds(10), Duration.ofSeconds(5), 100);
    }

    /**
     * Writes the log of the stored events as the landed format did: {@code log_leaves} {@code {_id: leafIndex,
     * position, hash}} with its unique position index, {@code log_nodes} {@code {_id: level * 2^40 + index, hash}},
     * the state without a format, and two signed checkpoints. Answers the leaf hashes.
     */
    private List<byte[]> writeTheLandedFormat() {
        LogEntries entries = new LogEntries(store, keys.commitmentSecret());
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = new ArrayList<>();
        List<Document> leafDocuments = new ArrayList<>();
        List<Document> nodeDocuments = new ArrayList<>();
        long covered = 0;
        for (RawEventLog.StoredEvent event : store.readRawSafeEvents(0, 1000).events()) {
            byte[] leaf = entries.entryOf(event).leafHash();
            leafDocuments.add(new Document("_id", (long) leaves.size()).append("position", event.position()).append("hash", new Binary(leaf)));
            leaves.add(leaf);
            for (MerkleTree.Node node : tree.append(leaf)) {
                if (node.level() > 0) {
                    nodeDocuments.add(new Document("_id", ((long) node.level() << 40) + node.index()).append("hash", new Binary(node.hash())));
                }
            }
            covered = event.position();
        }
        database.getCollection("log_leaves").createIndex(new Document("position", 1),
                new com.mongodb.client.model.IndexOptions().unique(true).name("position_unique"));
        database.getCollection("log_leaves").insertMany(leafDocuments);
        database.getCollection("log_nodes").insertMany(nodeDocuments);
        database.getCollection("log_state").insertOne(new Document("_id", "builder").append("treeSize", (long) leaves.size())
                .append("coveredPosition", covered).append("checkpoints", 2L).append("owner", "old")
                .append("leaseUntil", Date.from(clock.instant().minusSeconds(60))).append("keys", keys.fingerprint()));
        long number = 1;
        for (long size : new long[]{FIRST_CHECKPOINT, leaves.size()}) {
            String timestamp = clock.instant().toString();
            Checkpoint signed = keys.sign(size, Hex.of(Merkle.root(leaves.subList(0, (int) size))), timestamp);
            database.getCollection("log_checkpoints").insertOne(new Document("_id", size).append("number", number++)
                    .append("rootHash", signed.rootHash()).append("timestamp", timestamp).append("signature", signed.signature())
                    .append("createdAt", Date.from(clock.instant())));
        }
        return leaves;
    }

    private void appendRounds(int from, int count) {
        List<EventMessage<?>> commit = new ArrayList<>();
        for (int round = from; round < from + count; round++) {
            commit.add(new GenericDomainEventMessage<>("Consultation", "c-1", round, new RoundClosedEvent("c-1", round, null)));
        }
        store.appendEvents(commit);
    }

    private Set<String> collections() {
        return database.listCollectionNames().into(new HashSet<>());
    }
}
