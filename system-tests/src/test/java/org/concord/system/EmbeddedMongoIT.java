package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The embedded MongoDB of {@code ./concord up}, started from its packaged jar, as another local user meets it
 * (issue #18, finding 1): without this start's password a connection reads and writes nothing, the data
 * directory and its files are its owner's alone, and Concord runs on it with the password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedMongoIT {

    private final Path root = Path.of(System.getProperty("concord.root", "..")).toAbsolutePath().normalize();
    private final Path logs = root.resolve("system-tests/target/system-test-logs/embedded-mongo-it");
    private Path data;
    private Process mongo;
    private int port;

    @BeforeAll
    void start(@TempDir Path temporary) throws Exception {
        data = temporary.resolve("data");
        port = freePort();
        mongo = launch(data, port, "embedded-mongo");
        awaitListening(mongo, port);
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (mongo != null) {
            mongo.destroy();
            mongo.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_local_user_without_this_starts_password_can_neither_forge_a_credential_nor_read_one() {
        try (MongoClient stranger = MongoClients.create("mongodb://127.0.0.1:" + port + "/concord")) {
            MongoCollection<Document> credentials = stranger.getDatabase("concord").getCollection("credentials");
            assertThatThrownBy(() -> credentials.insertOne(new Document("tokenHash", "forged").append("roles", "DRAFTER")))
                    .isInstanceOfSatisfying(MongoCommandException.class,
                            refused -> assertThat(refused.getErrorCodeName()).isEqualTo("Unauthorized"));
            assertThatThrownBy(() -> credentials.find().first()).isInstanceOf(MongoCommandException.class);
            assertThatThrownBy(() -> stranger.listDatabaseNames().first()).isInstanceOf(MongoCommandException.class);
        }
        try (MongoClient guesser = MongoClients.create("mongodb://concord:guessed@127.0.0.1:" + port + "/concord")) {
            assertThatThrownBy(() -> guesser.getDatabase("concord").getCollection("credentials").find().first())
                    .isInstanceOf(MongoSecurityException.class);
        }
    }

    @Test
    void the_data_directory_and_the_password_are_for_their_owner_alone_and_the_password_is_not_logged() throws Exception {
        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("mongo"))).isEqualTo("rwx------");
        assertThat(permissions(data.resolve("mongo/concord.mv"))).isEqualTo("rw-------");
        assertThat(permissions(data.resolve("mongo/credential"))).isEqualTo("rw-------");
        assertThat(Files.readString(logs.resolve("embedded-mongo.log")))
                .contains("password in " + data.resolve("mongo/credential"))
                .doesNotContain(password());
    }

    /**
     * Concord runs on it with this start's password; then what {@code ./concord down} then {@code ./concord up} does:
     * a second start on the same data keeps what was recorded and records more (an event's key in the store is of two
     * values, which the server compares in its own way; a second start once failed there).
     */
    @Test
    void concord_runs_on_it_with_the_password_and_again_after_a_second_start() throws Exception {
        String token;
        String kept;
        try (ConcordProcesses concord = ConcordProcesses.start(database(), "embedded-mongo-it", Map.of())) {
            ConcordApi api = new ConcordApi(concord);
            token = api.registerToken("Embedded Mongo Institute", "NGO", "NO", "PARTICIPANT");
            JsonNode me = api.http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(me.toString()).contains("Embedded Mongo Institute");
            kept = ConcordApi.json(api.createConsultation(token, "Recorded before the restart", "PUBLIC"), 201)
                    .get("consultationId").asText();
        }

        stop();
        mongo = launch(data, port, "embedded-mongo-second-start");
        awaitListening(mongo, port);
        // the services from their packaged jars this time, as the Docker images run them
        try (ConcordProcesses concord = ConcordProcesses.startFromPackagedJars(database(), "embedded-mongo-second-start")) {
            ConcordApi api = new ConcordApi(concord);
            assertThat(ConcordApi.json(api.get(token, "/api/consultations/{id}", kept), 200).get("title").asText())
                    .isEqualTo("Recorded before the restart");
            String more = ConcordApi.json(api.createConsultation(token, "Recorded after the restart", "PUBLIC"), 201)
                    .get("consultationId").asText();
            assertThat(more).isNotEqualTo(kept);
            assertThat(ConcordApi.json(api.post(token, "/api/consultations/{id}/comments", Map.of("body", "Still here",
                    "attribution", "ATTRIBUTED"), kept), 409).get("type").asText()).as("not open: 409, not a 500")
                    .endsWith("conflict");
        }
        assertThat(Files.readString(logs.resolve("embedded-mongo-second-start.log"))).doesNotContain("Exception");
    }

    /** The running server's database, with the password of its current start. */
    private TestMongoDatabase database() throws IOException {
        return new TestMongoDatabase("mongodb://concord:" + password() + "@127.0.0.1:" + port, "concord");
    }

    private void awaitListening(Process process, int port) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as("the embedded MongoDB runs; see " + logs).isTrue();
            return listening(port);
        });
    }

    @Test
    void a_data_directory_other_users_can_read_is_refused_with_a_clear_error(@TempDir Path temporary) throws Exception {
        Path open = Files.createDirectory(temporary.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        Process refused = launch(open, freePort(), "embedded-mongo-open");
        assertThat(refused.waitFor(1, TimeUnit.MINUTES)).as("it stops by itself").isTrue();
        assertThat(refused.exitValue()).isNotZero();
        assertThat(Files.readString(logs.resolve("embedded-mongo-open.log")))
                .contains("is open to other users (rwxr-xr-x)").contains("chmod 700 " + open);
        assertThat(open.resolve("mongo")).as("nothing written there").doesNotExist();
    }

    private String password() throws IOException {
        return Files.readString(data.resolve("mongo/credential")).trim();
    }

    private Process launch(Path dataDirectory, int port, String log) throws IOException {
        Files.createDirectories(logs);
        String version = System.getProperty("concord.version", "0.1.0-SNAPSHOT");
        Path jar = root.resolve("embedded-mongo/target/embedded-mongo-" + version + "-exec.jar");
        assertThat(jar).as("packaged by ./mvnw verify").isRegularFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(log + ".log").toFile());
        builder.environment().put("CONCORD_DATA_DIR", dataDirectory.toString());
        builder.environment().put("CONCORD_EMBEDDED_MONGO_PORT", Integer.toString(port));
        return builder.start();
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
