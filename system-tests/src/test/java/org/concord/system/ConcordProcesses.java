package org.concord.system;

import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Concord as it is deployed: the command side, the query side and the gateway, each a separate Java
 * process started from its packaged jar on a free port, against one test MongoDB. Logs go to
 * {@code system-tests/target/system-test-logs}.
 */
final class ConcordProcesses implements AutoCloseable {

    static final String ADMIN_TOKEN = "system-test-admin-token";
    private static final String INTERNAL_SECRET = "system-test-internal-secret-0123456789";
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private final Path root = Path.of(System.getProperty("concord.root", "..")).toAbsolutePath().normalize();
    private final String version = System.getProperty("concord.version", "0.1.0-SNAPSHOT");
    private final Path logs = root.resolve("system-tests/target/system-test-logs");
    private final List<Process> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int gatewayPort;
    private TestMongoDatabase database;
    private static ConcordProcesses shared;

    /** One running Concord for every system test of this JVM, stopped when the JVM exits. */
    static synchronized ConcordProcesses shared() {
        if (shared == null) {
            shared = start(MongoDbExtension.newDatabase());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "concord-processes-stop"));
        }
        return shared;
    }

    static ConcordProcesses start(TestMongoDatabase database) {
        ConcordProcesses concord = new ConcordProcesses();
        try {
            concord.startAll(database);
            return concord;
        } catch (RuntimeException | Error e) {
            concord.close();
            throw e;
        }
    }

    URI gateway() {
        return URI.create("http://127.0.0.1:" + gatewayPort);
    }

    /** The test MongoDB database the three services share: the event store and the read models. */
    TestMongoDatabase database() {
        return database;
    }

    private void startAll(TestMongoDatabase database) {
        this.database = database;
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int commandPort = freePort();
        int queryPort = freePort();
        gatewayPort = freePort();
        Map<String, String> common = new LinkedHashMap<>();
        common.put("CONCORD_MONGODB_URI", database.uri());
        common.put("CONCORD_INTERNAL_SECRET", INTERNAL_SECRET);
        common.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // the tests' webhook receivers listen on 127.0.0.1
        common.put("CONCORD_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "true");
        // every test client comes from 127.0.0.1; the limits themselves are tested in the gateway's module
        common.put("CONCORD_GATEWAY_LIMITS_ANONYMOUS_PER_SECOND", "100000");
        common.put("CONCORD_GATEWAY_LIMITS_ANONYMOUS_BURST", "100000");
        common.put("CONCORD_GATEWAY_LIMITS_PER_TOKEN_PER_SECOND", "100000");
        common.put("CONCORD_GATEWAY_LIMITS_PER_TOKEN_BURST", "100000");
        common.put("CONCORD_GATEWAY_LIMITS_FEEDS_PER_CLIENT", "1000");

        Map<String, String> gateway = new LinkedHashMap<>(common);
        gateway.put("CONCORD_GATEWAY_COMMAND_SIDE_URI", "http://127.0.0.1:" + commandPort);
        gateway.put("CONCORD_GATEWAY_QUERY_SIDE_URI", "http://127.0.0.1:" + queryPort);
        gateway.put("CONCORD_ADMIN_TOKEN", ADMIN_TOKEN);

        launch("command-side", commandPort, common);
        launch("query-side", queryPort, common);
        launch("api-gateway", gatewayPort, gateway);
        for (int port : List.of(commandPort, queryPort, gatewayPort)) {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> healthy(port));
        }
    }

    private void launch(String module, int port, Map<String, String> environment) {
        Path jar = root.resolve(module + "/target/" + module + "-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the system tests with ./mvnw verify, which packages it first");
        }
        ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve(module + ".log").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        try {
            started.add(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + module, e);
        }
    }

    private boolean healthy(int port) {
        for (Process process : started) {
            if (!process.isAlive()) {
                throw new IllegalStateException("A Concord process exited during start-up; see " + logs);
            }
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        started.forEach(Process::destroy);
        for (Process process : started) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
