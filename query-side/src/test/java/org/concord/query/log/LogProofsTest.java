package org.concord.query.log;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.concord.eventstore.SafeEventLog;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.eventstore.log.LogBuilder;
import org.concord.eventstore.log.LogKeys;
import org.concord.eventstore.log.LogStorage;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.MovableClock;
import org.concord.testing.TestMongoDatabase;
import org.concord.verifier.Merkle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A proof costs one lookup of its tiles, none once they are in memory, and it verifies. */
@ExtendWith(MongoDbExtension.class)
class LogProofsTest {

    @TempDir
    Path keys;

    private final AtomicInteger finds = new AtomicInteger();
    private final CommandListener counting = new CommandListener() {
        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")) {
                finds.incrementAndGet();
            }
        }
    };

    @Test
    void aProofReadsItsTilesInOneLookupAndThenFromMemory(TestMongoDatabase test) {
        try (MongoClient client = countedClient(test)) {
            MongoDatabase database = client.getDatabase(test.name());
            SequencedMongoEventStorageEngine events = loggedEvents(database);
            LogStorage storage = new LogStorage(database);
            List<byte[]> leaves = new LogStorage(database).leaves(0, 299).stream().map(LogStorage.Leaf::hash).toList();
            LogProofs proofs = new LogProofs(storage);

            finds.set(0);
            List<byte[]> path = proofs.inclusion(123, 299);
            assertThat(finds.get()).isEqualTo(1);
            finds.set(0);
            byte[] root = proofs.root(299);
            assertThat(finds.get()).as("the level-1 tile, which the path did not need").isEqualTo(1);
            assertThat(root).isEqualTo(Merkle.root(leaves.subList(0, 299)));
            assertThat(Merkle.verifyInclusion(leaves.get(123), 123, 299, path, root)).isTrue();

            finds.set(0);
            assertThat(proofs.inclusion(123, 299)).hasSameSizeAs(path);
            assertThat(proofs.root(299)).isEqualTo(root);
            assertThat(finds.get()).as("the same subtrees again, from memory").isZero();

            finds.set(0);
            List<byte[]> consistency = proofs.consistency(77, 300);
            assertThat(finds.get()).as("tiles read before, as wide as stored").isZero();
            assertThat(Merkle.verifyConsistency(77, 300, Merkle.root(leaves.subList(0, 77)), Merkle.root(leaves), consistency)).isTrue();
        }
    }

    @Test
    void aProofWithinATreeAlreadySeenReadsNothingOnceItsTilesAreInMemory(TestMongoDatabase test) {
        try (MongoClient client = countedClient(test)) {
            MongoDatabase database = client.getDatabase(test.name());
            SequencedMongoEventStorageEngine events = loggedEvents(database);
            LogStorage storage = new LogStorage(database);
            LogReader reader = new LogReader(events, storage, LogKeys.open(keys.resolve("log")), new LogProofs(storage),
                    JsonMapper.builder().build());
            LogViews.InclusionProof first = reader.inclusion(10, 299L);

            finds.set(0);
            LogViews.InclusionProof second = reader.inclusion(20, 299L);
            assertThat(finds.get()).as("the tile, the tree's size and the root are known").isZero();
            assertThat(second.rootHash()).isEqualTo(first.rootHash());
            assertThat(second.leafIndex()).isEqualTo(19);
        }
    }

    private MongoClient countedClient(TestMongoDatabase test) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(test.uri())).addCommandListener(counting).build());
    }

    /** 300 events at positions 1 to 300, and the log's tree over them. */
    private SequencedMongoEventStorageEngine loggedEvents(MongoDatabase database) {
        SequencedMongoEventStorageEngine events = (SequencedMongoEventStorageEngine) SafeEventLog.reading(database);
        List<EventMessage<?>> commit = new ArrayList<>();
        for (int round = 0; round < 300; round++) {
            commit.add(new GenericDomainEventMessage<>("Consultation", "c-1", round, new RoundClosedEvent("c-1", round, null)));
        }
        events.appendEvents(commit);
        new LogBuilder(events, new LogStorage(database), LogKeys.open(keys.resolve("log")), new MovableClock(), "test",
                Duration.ofSeconds(10), Duration.ofSeconds(5), 1000).build();
        return events;
    }
}
