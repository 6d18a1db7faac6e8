package org.concord.system;

import org.concord.testing.MongoDbExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bootstrap administrator's token as the packaged gateway keeps it (issue #18, findings 2 and 10): made at
 * first start in a data directory and a file for its owner alone, written to no log, and good for the API; a
 * configured token too short not to be guessed stops the gateway before it serves, and is not printed either.
 * The gateway starts from its jar with a data directory of its own; only the query side runs behind it, which
 * answers {@code /api/me} from the identity the gateway authenticated.
 */
class AdminTokenIT {

    private final Path root = Path.of(System.getProperty("concord.root", "..")).toAbsolutePath().normalize();
    private final String version = System.getProperty("concord.version", "0.1.0-SNAPSHOT");
    private final Path logs = root.resolve("system-tests/target/system-test-logs/admin-token-it");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        started.forEach(Process::destroy);
        for (Process process : started) {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void at_first_start_the_token_is_made_for_its_owner_alone_logged_nowhere_and_lets_the_administrator_in(
            @TempDir Path temporary) throws Exception {
        List<Integer> ports = freePorts(6);
        int gatewayPort = ports.get(0);
        int querySidePort = ports.get(2);
        Process querySide = launch("query-side", "query-side", Map.of(
                "SERVER_PORT", Integer.toString(querySidePort),
                "MANAGEMENT_SERVER_PORT", Integer.toString(ports.get(5)),
                "CONCORD_MONGODB_URI", MongoDbExtension.newDatabase().uri(),
                "CONCORD_INTERNAL_SECRET", ConcordProcesses.INTERNAL_SECRET,
                // its log's key in a directory of this test's, not in data/ under the working directory
                "CONCORD_DATA_DIR", temporary.resolve("query-side-data").toString(),
                "AXONIQ_UPDATE_CHECKER_DISABLED", "true"));
        Path data = temporary.resolve("data");
        Process gateway = launchGateway(data, null, "first-start", ports);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(querySide.isAlive()).as("the query side runs; see " + log("query-side")).isTrue();
            assertThat(gateway.isAlive()).as("the gateway runs; see " + log("first-start")).isTrue();
            return listening(gatewayPort) && listening(querySidePort);
        });

        Path file = data.resolve("admin-token");
        String token = Files.readString(file).trim();
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(permissions(data)).as("the data directory the gateway made").isEqualTo("rwx------");
        assertThat(Files.readString(log("first-start"))).as("the gateway's output, both streams")
                .contains("written to " + file).doesNotContain(token);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path other : files.filter(Files::isRegularFile).filter(path -> !path.equals(file)).toList()) {
                assertThat(Files.readString(other)).as(other.toString()).doesNotContain(token);
            }
        }

        HttpResponse<String> me = me(gatewayPort, token);
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"displayName\":\"Bootstrap administrator\"").contains("\"roles\":[\"ADMIN\"]");
        // any other token would have to be looked up on a command side, and none runs
        assertThat(me(gatewayPort, "x".repeat(token.length())).statusCode()).isEqualTo(503);
    }

    @Test
    void a_configured_token_shorter_than_32_characters_stops_the_gateway_before_it_serves_and_is_not_printed(
            @TempDir Path temporary) throws Exception {
        String tooShort = "short-admin-token-7Qx";
        Process gateway = launchGateway(temporary.resolve("data"), tooShort, "too-short", freePorts(6));
        assertThat(gateway.waitFor(2, TimeUnit.MINUTES)).as("it stops by itself").isTrue();
        assertThat(gateway.exitValue()).isNotZero();
        assertThat(Files.readString(log("too-short")))
                .contains("CONCORD_ADMIN_TOKEN has " + tooShort.length() + " characters")
                .contains("at least 32")
                .doesNotContain(tooShort)
                .doesNotContain("Netty started");
        assertThat(temporary.resolve("data/admin-token")).as("nothing kept").doesNotExist();
    }

    private HttpResponse<String> me(int gatewayPort, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/api/me"))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The gateway with {@code CONCORD_ADMIN_TOKEN} set to {@code adminToken}, or unset if null, on the first two
     * {@code ports} (public, management), with its query side on the third and the query side's actuator on the
     * sixth; on the fourth and fifth (command side, web-ui, their actuators too) nothing listens. No port is a default
     * one, so a Concord running beside the test ({@code ./concord up}: the query side's actuator on 9082) is neither
     * in the way nor asked.
     */
    private Process launchGateway(Path data, String adminToken, String log, List<Integer> ports) throws IOException {
        Map<String, String> environment = new HashMap<>();
        if (adminToken != null) {
            environment.put("CONCORD_ADMIN_TOKEN", adminToken);
        }
        environment.put("CONCORD_DATA_DIR", data.toString());
        environment.put("CONCORD_INTERNAL_SECRET", ConcordProcesses.INTERNAL_SECRET);
        environment.put("SERVER_PORT", Integer.toString(ports.get(0)));
        environment.put("MANAGEMENT_SERVER_PORT", Integer.toString(ports.get(1)));
        environment.put("CONCORD_GATEWAY_QUERY_SIDE_URI", "http://127.0.0.1:" + ports.get(2));
        environment.put("CONCORD_GATEWAY_COMMAND_SIDE_URI", "http://127.0.0.1:" + ports.get(3));
        environment.put("CONCORD_GATEWAY_WEB_UI_URI", "http://127.0.0.1:" + ports.get(4));
        environment.put("CONCORD_GATEWAY_MANAGEMENT_COMMAND_SIDE_URI", "http://127.0.0.1:" + ports.get(3));
        environment.put("CONCORD_GATEWAY_MANAGEMENT_QUERY_SIDE_URI", "http://127.0.0.1:" + ports.get(5));
        environment.put("CONCORD_GATEWAY_MANAGEMENT_WEB_UI_URI", "http://127.0.0.1:" + ports.get(4));
        return launch("api-gateway", log, environment);
    }

    private Process launch(String module, String log, Map<String, String> environment) throws IOException {
        Files.createDirectories(logs);
        Path jar = ConcordProcesses.packagedJar(root, version, module);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log(log).toFile());
        // whatever the environment of the build says about the token, this test's process decides it
        builder.environment().remove("CONCORD_ADMIN_TOKEN");
        builder.environment().remove("CONCORD_GATEWAY_ADMIN_TOKEN_FILE");
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private Path log(String name) {
        return logs.resolve(name + ".log");
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static List<Integer> freePorts(int count) throws IOException {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (!ports.contains(socket.getLocalPort())) {
                    ports.add(socket.getLocalPort());
                }
            }
        }
        return ports;
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
