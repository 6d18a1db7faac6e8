package org.concord.query.log;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.concord.eventstore.RawEventLog;
import org.concord.eventstore.SafeEventLog;
import org.concord.eventstore.log.LogKeys;
import org.concord.eventstore.log.LogStorage;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * While a log stored before tiles is rebuilt in tiles, and once a rebuilt tree was refused, every read of the tree
 * answers 503 with the reason instead of proofs or entries from a tree that is not (or not yet) the signed one.
 */
@ExtendWith(MongoDbExtension.class)
class LogTreeUnavailableTest {

    private static final CallerIdentity ANYONE = CallerIdentity.ANONYMOUS;

    @TempDir
    Path keys;

    @Test
    void theTreeIsNotServedWhileItIsRebuiltInTiles(TestMongoDatabase test) {
        onState(test, new Document("_id", "builder").append("treeSize", 5L).append("coveredPosition", 5L), reader ->
                expectUnavailable(reader, "being rebuilt in tiles"));
    }

    @Test
    void aRefusedTreeIsNotServedAndTheReasonSaid(TestMongoDatabase test) {
        onState(test, new Document("_id", "builder").append("treeSize", 5L).append("coveredPosition", 5L)
                .append("refused", "The log's tree rebuilt in tiles from the events does not match its signed checkpoints"), reader ->
                expectUnavailable(reader, "does not match its signed checkpoints"));
    }

    private void onState(TestMongoDatabase test, Document state, Consumer<LogReader> check) {
        try (MongoClient client = MongoClients.create(test.uri())) {
            MongoDatabase database = client.getDatabase(test.name());
            database.getCollection("log_state").insertOne(state);
            LogStorage storage = new LogStorage(database);
            check.accept(new LogReader((RawEventLog) SafeEventLog.reading(database), storage, LogKeys.open(keys.resolve("log")),
                    new LogProofs(storage), JsonMapper.builder().build()));
        }
    }

    private static void expectUnavailable(LogReader reader, String why) {
        List<Runnable> reads = List.of(
                () -> reader.inclusion(1, 5L),
                () -> reader.consistency(1, 5),
                () -> reader.entries(0, 4, ANYONE),
                () -> reader.receipt(1, ANYONE),
                () -> reader.export(ANYONE).blockLast());
        for (Runnable read : reads) {
            assertThatThrownBy(read::run).isInstanceOfSatisfying(ProblemException.class, problem -> {
                assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(problem.getMessage()).contains(why);
            });
        }
    }
}
