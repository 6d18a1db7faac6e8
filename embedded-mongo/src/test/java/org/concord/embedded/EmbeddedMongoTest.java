package org.concord.embedded;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.concord.embedded.EmbeddedMongoLauncher.EmbeddedMongo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EmbeddedMongoTest {

    @Test
    void data_survives_a_restart_on_the_same_file(@TempDir Path dir) throws Exception {
        EmbeddedMongoSettings settings = settingsIn(dir);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settings);
             MongoClient client = MongoClients.create(mongo.connectionString() + "/concord")) {
            client.getDatabase("concord").getCollection("kept").insertOne(new Document("_id", "a").append("n", 1));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settings);
             MongoClient client = MongoClients.create(mongo.connectionString() + "/concord")) {
            Document kept = client.getDatabase("concord").getCollection("kept").find().first();
            assertThat(kept).isNotNull();
            assertThat(kept.getInteger("n")).isEqualTo(1);
        }
    }

    @Test
    void stops_when_h2_closes_the_data_file_under_it_and_not_before(@TempDir Path dir) throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settingsIn(dir))) {
            CountDownLatch stopped = new CountDownLatch(1);
            CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> runsUntilStopped(mongo, stopped));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(running).as("still running while the file is open").isNotDone());

            mongo.closeDataFileAsAfterAnError();
            assertThat(running.get(5, TimeUnit.SECONDS)).as("told that the file was closed").isFalse();
        }
        EmbeddedMongo stoppedAsUsual = EmbeddedMongo.start(settingsIn(dir));
        CountDownLatch stopping = new CountDownLatch(1);
        CompletableFuture<Boolean> running = CompletableFuture.supplyAsync(() -> runsUntilStopped(stoppedAsUsual, stopping));
        stopping.countDown();
        stoppedAsUsual.close();
        assertThat(running.get(5, TimeUnit.SECONDS)).as("an ordinary stop, the file closed by it").isTrue();
    }

    private static boolean runsUntilStopped(EmbeddedMongo mongo, CountDownLatch stopped) {
        try {
            return EmbeddedMongoLauncher.runsUntilStopped(mongo, stopped, Duration.ofMillis(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_local_user_without_the_password_reads_and_writes_nothing(@TempDir Path dir) throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settingsIn(dir));
             MongoClient owner = MongoClients.create(mongo.connectionString() + "/concord");
             MongoClient stranger = MongoClients.create("mongodb://127.0.0.1:" + mongo.port() + "/concord")) {
            owner.getDatabase("concord").getCollection("credentials").insertOne(new Document("_id", "owner's"));

            MongoCollection<Document> credentials = stranger.getDatabase("concord").getCollection("credentials");
            assertThatThrownBy(() -> credentials.insertOne(new Document("_id", "forged").append("role", "DRAFTER")))
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            refused -> assertThat(refused.getErrorCodeName()).isEqualTo("Unauthorized"));
            assertThatThrownBy(() -> credentials.find().first()).isInstanceOf(MongoCommandException.class);
            assertThatThrownBy(() -> stranger.listDatabaseNames().first()).isInstanceOf(MongoCommandException.class);
            assertThat(owner.getDatabase("concord").getCollection("credentials").countDocuments())
                    .as("nothing forged").isEqualTo(1);
        }
    }

    @Test
    void a_command_that_fails_is_answered_with_its_error_and_logged_without_the_documents_it_carried(@TempDir Path dir)
            throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settingsIn(dir));
             MongoClient owner = MongoClients.create(mongo.connectionString() + "/concord")) {
            Document command = new Document("noSuchCommand", "webhooks").append("secret", "whsec-kept-out-of-logs");
            assertThatThrownBy(() -> owner.getDatabase("concord").runCommand(command))
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            failed -> assertThat(failed.getErrorMessage()).contains("noSuchCommand"));
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(line -> line.contains("noSuchCommand"))
                .noneMatch(line -> line.contains("whsec-kept-out-of-logs"));
        assertThat(logged.list).extracting(event -> String.valueOf(event.getThrowableProxy() == null ? ""
                : event.getThrowableProxy().getMessage())).noneMatch(line -> line.contains("whsec-kept-out-of-logs"));
    }

    @Test
    void a_wrong_password_is_refused(@TempDir Path dir) throws Exception {
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settingsIn(dir));
             MongoClient guesser = MongoClients.create("mongodb://concord:guessed@127.0.0.1:" + mongo.port() + "/concord")) {
            assertThatThrownBy(() -> guesser.getDatabase("concord").getCollection("credentials").find().first())
                    .isInstanceOf(MongoSecurityException.class);
        }
    }

    @Test
    void each_start_writes_a_new_password_for_its_owner_only(@TempDir Path dir) throws Exception {
        EmbeddedMongoSettings settings = settingsIn(dir);
        String first;
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settings)) {
            first = Files.readString(settings.credentialFile()).trim();
            assertThat(mongo.connectionString()).contains(":" + first + "@");
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settings);
             MongoClient stale = MongoClients.create("mongodb://concord:" + first + "@127.0.0.1:" + mongo.port() + "/concord")) {
            assertThat(Files.readString(settings.credentialFile()).trim()).hasSize(64).isNotEqualTo(first);
            assertThatThrownBy(() -> stale.getDatabase("concord").getCollection("kept").find().first())
                    .as("the previous start's password").isInstanceOf(MongoSecurityException.class);
        }
    }

    /**
     * {@code ./concord restart embedded-mongo}: a server started again on its port with the last start's password; a
     * service's client, connected before, carries on with the password it was given, and finds what it wrote.
     */
    @Test
    void a_start_that_keeps_the_password_lets_a_connected_client_carry_on(@TempDir Path dir) throws Exception {
        EmbeddedMongo first = EmbeddedMongo.start(settingsIn(dir));
        EmbeddedMongoSettings samePort = new EmbeddedMongoSettings("127.0.0.1", first.port(), dir, dir.resolve("mongo/concord.mv"));
        try (MongoClient service = MongoClients.create(first.connectionString() + "/concord?serverSelectionTimeoutMS=10000")) {
            MongoCollection<Document> kept = service.getDatabase("concord").getCollection("kept");
            kept.insertOne(new Document("_id", "before"));
            String password = Files.readString(samePort.credentialFile()).strip();
            first.close();

            try (EmbeddedMongo again = EmbeddedMongo.start(samePort, true)) {
                assertThat(Files.readString(samePort.credentialFile()).strip()).isEqualTo(password);
                assertThat(again.connectionString()).isEqualTo(first.connectionString());
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                        .untilAsserted(() -> kept.insertOne(new Document("_id", "after")));
                assertThat(kept.countDocuments()).isEqualTo(2);
            }
        }
    }

    @Test
    void a_start_that_keeps_the_password_finds_none_to_keep_and_makes_one(@TempDir Path dir) throws Exception {
        EmbeddedMongoSettings settings = settingsIn(dir);
        Files.createDirectories(settings.credentialFile().getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.writeString(settings.credentialFile(), "not a password\n");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settings, true);
             MongoClient client = MongoClients.create(mongo.connectionString() + "/concord")) {
            assertThat(Files.readString(settings.credentialFile()).strip()).matches("[0-9a-f]{64}");
            client.getDatabase("concord").getCollection("kept").insertOne(new Document("_id", "a"));
        }
        assertThat(permissions(settings.credentialFile())).isEqualTo("rw-------");
    }

    @Test
    void keeping_the_password_is_asked_for_with_true_or_false_only() {
        assertThat(EmbeddedMongoLauncher.keepsPassword(Map.of("CONCORD_EMBEDDED_MONGO_KEEP_PASSWORD", "true"))).isTrue();
        assertThat(EmbeddedMongoLauncher.keepsPassword(Map.of("CONCORD_EMBEDDED_MONGO_KEEP_PASSWORD", "false"))).isFalse();
        assertThat(EmbeddedMongoLauncher.keepsPassword(Map.of())).isFalse();
        assertThatThrownBy(() -> EmbeddedMongoLauncher.keepsPassword(Map.of("CONCORD_EMBEDDED_MONGO_KEEP_PASSWORD", "yes")))
                .hasMessageContaining("must be true or false, not 'yes'");
    }

    @Test
    void the_data_directory_is_made_for_its_owner_alone_and_so_are_its_files(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        EmbeddedMongoSettings settings = new EmbeddedMongoSettings("127.0.0.1", 0, data, data.resolve("mongo/concord.mv"));
        try (EmbeddedMongo mongo = EmbeddedMongo.start(settings);
             MongoClient client = MongoClients.create(mongo.connectionString() + "/concord")) {
            client.getDatabase("concord").getCollection("kept").insertOne(new Document("_id", "a"));
        }
        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("mongo"))).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("mongo/concord.mv"))).isEqualTo("rw-------");
        assertThat(permissions(data.resolve("mongo/credential"))).isEqualTo("rw-------");
    }

    @Test
    void a_data_directory_other_users_can_read_is_refused(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        EmbeddedMongoSettings settings = new EmbeddedMongoSettings("127.0.0.1", 0, data, data.resolve("mongo/concord.mv"));
        assertThatThrownBy(() -> EmbeddedMongo.start(settings))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is open to other users (rwxr-xr-x)")
                .hasMessageContaining("chmod 700 " + data);
        assertThat(data.resolve("mongo")).as("nothing written there").doesNotExist();
    }

    @Test
    void settings_come_from_the_environment_and_arguments_win() {
        EmbeddedMongoSettings settings = EmbeddedMongoSettings.fromEnvironment(
                Map.of("CONCORD_DATA_DIR", "/srv/concord", "CONCORD_EMBEDDED_MONGO_PORT", "27018"), "--host=0.0.0.0");
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(27018);
        assertThat(settings.dataDirectory()).isEqualTo(Path.of("/srv/concord"));
        assertThat(settings.file()).isEqualTo(Path.of("/srv/concord/mongo/concord.mv"));
        assertThat(settings.credentialFile()).isEqualTo(Path.of("/srv/concord/mongo/credential"));
    }

    @Test
    void a_port_that_is_not_a_number_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> EmbeddedMongoSettings.fromEnvironment(Map.of(), "--port=abc"))
                .hasMessageContaining("Port must be a number");
    }

    private static EmbeddedMongoSettings settingsIn(Path dir) {
        return new EmbeddedMongoSettings("127.0.0.1", 0, dir, dir.resolve("mongo/concord.mv"));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
