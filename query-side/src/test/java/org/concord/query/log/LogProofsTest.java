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

    @Test
    void aProofReadsItsTilesInOneLookupAndThenFromMemory(TestMongoDatabase test) {
        AtomicInteger finds = new AtomicInteger();
        CommandListener counting = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")) {
                    finds.incrementAndGet();
                }
            }
        };
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(test.uri())).addCommandListener(counting).build())) {
            MongoDatabase database = client.getDatabase(test.name());
            SequencedMongoEventStorageEngine events = (SequencedMongoEventStorageEngine) SafeEventLog.reading(database);
            List<EventMessage<?>> commit = new ArrayList<>();
            for (int round = 0; round < 300; round++) {
                commit.add(new GenericDomainEventMessage<>("Consultation", "c-1", round, new RoundClosedEvent("c-1", round, null)));
            }
            events.appendEvents(commit);
            LogStorage storage = new LogStorage(database);
            new LogBuilder(events, storage, LogKeys.open(keys.resolve("log")), new MovableClock(), "test", Duration.ofSeconds(10),
                    Duration.ofSeconds(5), 1000).build();
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
}
