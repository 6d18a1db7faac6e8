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
 * Concord as it is deployed: the command side, the query side, the gateway and the web workspace
 * (web-ui, behind the gateway), each a separate Java process started from its packaged jar on a free port
 * (and its actuator on a second one, its management port), against one test MongoDB. Logs go to
 * {@code system-tests/target/system-test-logs}.
 */
final class ConcordProcesses implements AutoCloseable {

    static final String ADMIN_TOKEN = "system-test-admin-token-0123456789abcdef";
    static final String INTERNAL_SECRET = "system-test-internal-secret-0123456789";
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

    private final Path root = Path.of(System.getProperty("concord.root", "..")).toAbsolutePath().normalize();
    private final String version = System.getProperty("concord.version", "0.1.0-SNAPSHOT");
    private final Path logs;
    private final List<Process> started = new ArrayList<>();
    private final List<Instance> launched = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int gatewayPort;
    private int gatewayManagementPort;
    private int webUiPort;
    private TestMongoDatabase database;
    private final ConnectionTrap strayDatabase = new ConnectionTrap();
    private static ConcordProcesses shared;
    private static StartupArchives archives;
    private final boolean packagedJars;

    /** One running Concord for every system test of this JVM, stopped when the JVM exits. */
    static synchronized ConcordProcesses shared() {
        if (shared == null) {
            shared = start(MongoDbExtension.newDatabase());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "concord-processes-stop"));
        }
        return shared;
    }

    static ConcordProcesses start(TestMongoDatabase database) {
        return start(database, 1, 1);
    }

    /** A Concord of its own with several command-side and query-side instances behind the gateway. */
    static ConcordProcesses start(TestMongoDatabase database, int commandSides, int querySides) {
        return start(database, "", Map.of(), commandSides, querySides);
    }

    /**
     * A Concord of its own, for a test that kills and restarts its processes: logs in the subdirectory
     * {@code name} of the logs directory, and {@code environment} added to every process's (the gateway's lists of
     * instances, {@code CONCORD_GATEWAY_*_URI}, included: they then replace the ones of the processes started).
     */
    static ConcordProcesses start(TestMongoDatabase database, String name, Map<String, String> environment) {
        return start(database, name, environment, 1, 1);
    }

    /**
     * A Concord of its own started as the Docker images start it, from the packaged jars themselves, not from the
     * extracted jars and archives every other start uses ({@link StartupArchives}): so that a test still runs what
     * the packaged jars' own launcher and nested libraries do.
     */
    static ConcordProcesses startFromPackagedJars(TestMongoDatabase database, String name) {
        return start(new ConcordProcesses(name, true), database, Map.of(), 1, 1);
    }

    /** A Concord of its own with several command-side and query-side instances, logs under {@code name}, {@code environment} added. */
    static ConcordProcesses start(TestMongoDatabase database, String name, Map<String, String> environment,
                                  int commandSides, int querySides) {
        return start(new ConcordProcesses(name, false), database, environment, commandSides, querySides);
    }

    private static ConcordProcesses start(ConcordProcesses concord, TestMongoDatabase database, Map<String, String> environment,
                                          int commandSides, int querySides) {
        try {
            concord.startAll(database, environment, commandSides, querySides);
            return concord;
        } catch (RuntimeException | Error e) {
            concord.close();
            throw e;
        }
    }

    private ConcordProcesses(String name, boolean packagedJars) {
        logs = root.resolve("system-tests/target/system-test-logs").resolve(name);
        this.packagedJars = packagedJars;
    }

    /** Kills an instance ({@code command-side}, {@code query-side-2}, {@code api-gateway}, ...) at once, as {@code kill -9} does. */
    void kill(String name) {
        Instance running = instance(name);
        running.process().destroyForcibly();
        try {
            running.process().waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        started.remove(running.process());
    }

    /** Starts a killed instance again on the same port with the same environment, and waits until it is healthy. */
    void restart(String name) {
        Instance killed = instance(name);
        if (killed.process().isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch(killed.module(), name, killed.port(), killed.environment());
        // the new process takes the killed one's place, so that instances(module) keeps the gateway's order
        launched.set(launched.indexOf(killed), launched.remove(launched.size() - 1));
        await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> healthy(killed.managementUri()));
    }

    private Instance instance(String name) {
        return launched.stream().filter(instance -> instance.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No instance " + name + " was started"));
    }

    URI gateway() {
        return URI.create("http://127.0.0.1:" + gatewayPort);
    }

    /**
     * The web workspace's own process; people reach the workspace through the gateway, at {@link #gateway()},
     * which serves it at {@code /}. Its actuator is on its management port: {@code instances("web-ui")}.
     */
    URI webUi() {
        return URI.create("http://127.0.0.1:" + webUiPort);
    }

    /** The gateway's management port: its health and metrics, which its public port does not serve. */
    URI gatewayManagement() {
        return URI.create("http://127.0.0.1:" + gatewayManagementPort);
    }

    /** The running instances of a module ({@code command-side}, {@code query-side}), in the gateway's order. */
    List<Instance> instances(String module) {
        return launched.stream().filter(instance -> instance.module().equals(module)).toList();
    }

    /** One process started from a module's jar, named as its log is: the module, then {@code <module>-<n>} from the second. */
    record Instance(String module, String name, int port, Map<String, String> environment, Process process) {

        URI uri() {
            return URI.create("http://127.0.0.1:" + port);
        }

        /** Where it serves {@code /actuator}: its management port ({@code MANAGEMENT_SERVER_PORT}). */
        URI managementUri() {
            return URI.create("http://127.0.0.1:" + environment.get("MANAGEMENT_SERVER_PORT"));
        }
    }

    /** How many connections the gateway opened to the MongoDB that Spring Boot would give it by default. */
    /** The log of a process ({@code command-side}, {@code api-gateway}, ...): everything it wrote, both streams. */
    Path log(String name) {
        return logs.resolve(name + ".log");
    }

    int strayDatabaseConnections() {
        return strayDatabase.accepted();
    }

    /** The test MongoDB database the services share: the event store and the read models. */
    TestMongoDatabase database() {
        return database;
    }

    private void startAll(TestMongoDatabase database, Map<String, String> environment, int commandSides, int querySides) {
        this.database = database;
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // each process's port, then each one's management port
        List<Integer> ports = freePorts(2 * (commandSides + querySides + 2));
        List<Integer> commandPorts = ports.subList(0, commandSides);
        List<Integer> queryPorts = ports.subList(commandSides, commandSides + querySides);
        gatewayPort = ports.get(commandSides + querySides);
        webUiPort = ports.get(commandSides + querySides + 1);
        int managementPorts = commandSides + querySides + 2;
        List<Integer> commandManagementPorts = ports.subList(managementPorts, managementPorts + commandSides);
        List<Integer> queryManagementPorts = ports.subList(managementPorts + commandSides, managementPorts + commandSides + querySides);
        gatewayManagementPort = ports.get(ports.size() - 2);
        int webUiManagementPort = ports.get(ports.size() - 1);
        Map<String, String> common = new LinkedHashMap<>();
        common.put("CONCORD_MONGODB_URI", database.uri());
        common.put("CONCORD_INTERNAL_SECRET", INTERNAL_SECRET);
        common.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        // the tests' webhook receivers listen on 127.0.0.1, on free ports; 9 (discard) is the hooks that never fire
        common.put("CONCORD_WEBHOOKS_ALLOWED_NETWORKS", "127.0.0.0/8");
        common.put("CONCORD_WEBHOOKS_ALLOWED_PORTS", "9,80,443,1024-65535");
        // every test client comes from 127.0.0.1; the limits themselves are tested in the gateway's module and ClientLimitsIT
        common.put("CONCORD_GATEWAY_LIMITS_ANONYMOUS_PER_SECOND", "100000");
        common.put("CONCORD_GATEWAY_LIMITS_ANONYMOUS_BURST", "100000");
        common.put("CONCORD_GATEWAY_LIMITS_PER_TOKEN_PER_SECOND", "100000");
        common.put("CONCORD_GATEWAY_LIMITS_PER_TOKEN_BURST", "100000");
        common.put("CONCORD_GATEWAY_LIMITS_FEEDS_PER_CLIENT", "1000");
        common.put("CONCORD_FEED_MAX_OPEN_PER_CALLER", "1000");
        // a data directory of this Concord's own (the verifiable log's key and commitment secret), under target/
        common.put("CONCORD_DATA_DIR", dataDirectory().toString());
        common.putAll(environment);

        Map<String, String> gateway = new LinkedHashMap<>(common);
        gateway.putIfAbsent("CONCORD_GATEWAY_COMMAND_SIDE_URI", uris(commandPorts));
        gateway.putIfAbsent("CONCORD_GATEWAY_QUERY_SIDE_URI", uris(queryPorts));
        gateway.putIfAbsent("CONCORD_GATEWAY_WEB_UI_URI", "http://127.0.0.1:" + webUiPort);
        gateway.put("CONCORD_GATEWAY_MANAGEMENT_COMMAND_SIDE_URI", uris(commandManagementPorts));
        gateway.put("CONCORD_GATEWAY_MANAGEMENT_QUERY_SIDE_URI", uris(queryManagementPorts));
        gateway.put("CONCORD_GATEWAY_MANAGEMENT_WEB_UI_URI", "http://127.0.0.1:" + webUiManagementPort);
        gateway.put("CONCORD_ADMIN_TOKEN", ADMIN_TOKEN);
        gateway.put("MANAGEMENT_SERVER_PORT", Integer.toString(gatewayManagementPort));
        // where a MongoDB client the gateway should not have would connect (Spring Boot 3's and 4's property)
        gateway.put("SPRING_DATA_MONGODB_URI", "mongodb://127.0.0.1:" + strayDatabase.port() + "/stray");
        gateway.put("SPRING_MONGODB_URI", "mongodb://127.0.0.1:" + strayDatabase.port() + "/stray");

        // the workspace is a client of the public API only: its sessions' database, no internal secret
        Map<String, String> webUi = new LinkedHashMap<>();
        webUi.put("CONCORD_MONGODB_URI", database.uri());
        webUi.putAll(environment);
        webUi.put("CONCORD_WEB_GATEWAY_URI", gateway().toString());

        Map<String, Map<String, String>> environments = new LinkedHashMap<>();
        environments.put("command-side", common);
        environments.put("query-side", common);
        environments.put("api-gateway", gateway);
        environments.put("web-ui", webUi);
        if (!packagedJars) {
            archives(root, version).prepare(environments, JVM_OPTIONS);
        }

        for (int i = 0; i < commandSides; i++) {
            launch("command-side", instanceName("command-side", i), commandPorts.get(i), withManagementPort(common, commandManagementPorts.get(i)));
        }
        for (int i = 0; i < querySides; i++) {
            launch("query-side", instanceName("query-side", i), queryPorts.get(i), withManagementPort(common, queryManagementPorts.get(i)));
        }
        launch("api-gateway", gatewayPort, gateway);
        launch("web-ui", webUiPort, withManagementPort(webUi, webUiManagementPort));
        for (Instance instance : List.copyOf(launched)) {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> healthy(instance.managementUri()));
        }
    }

    /** A fresh directory under {@code system-tests/target/system-test-data}, shared by this Concord's processes. */
    private Path dataDirectory() {
        try {
            Path parent = Files.createDirectories(root.resolve("system-tests/target/system-test-data"));
            return Files.createTempDirectory(parent, "concord-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> withManagementPort(Map<String, String> environment, int port) {
        Map<String, String> own = new LinkedHashMap<>(environment);
        own.put("MANAGEMENT_SERVER_PORT", Integer.toString(port));
        return own;
    }

    private static String instanceName(String module, int index) {
        return index == 0 ? module : module + "-" + (index + 1);
    }

    private static String uris(List<Integer> ports) {
        return String.join(",", ports.stream().map(port -> "http://127.0.0.1:" + port).toList());
    }

    private static List<Integer> freePorts(int count) {
        List<Integer> ports = new ArrayList<>();
        while (ports.size() < count) {
            int port = freePort();
            if (!ports.contains(port)) {
                ports.add(port);
            }
        }
        return ports;
    }

    private void launch(String module, int port, Map<String, String> environment) {
        launch(module, module, port, environment);
    }

    private void launch(String module, String name, int port, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(JVM_OPTIONS);
        command.addAll(packagedJars ? List.of("-jar", packagedJar(root, version, module).toString()) : archives(root, version).launchArguments(module));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                // a restarted instance's log goes on after the lines that may say why it stopped
                .redirectOutput(launched.stream().anyMatch(instance -> instance.name().equals(name))
                        ? ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile())
                        : ProcessBuilder.Redirect.to(logs.resolve(name + ".log").toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        try {
            Process process = builder.start();
            started.add(process);
            launched.add(new Instance(module, name, port, environment, process));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + module, e);
        }
    }

    private boolean healthy(URI management) {
        for (Process process : started) {
            if (!process.isAlive()) {
                throw new IllegalStateException("A Concord process exited during start-up; see " + logs);
            }
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    management.resolve("/actuator/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A module's packaged jar, as {@code ./mvnw verify} leaves it before the system tests run. */
    static Path packagedJar(Path root, String version, String module) {
        Path jar = root.resolve(module + "/target/" + module + "-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the system tests with ./mvnw verify, which packages it first");
        }
        return jar;
    }

    /** The archives of this JVM's starts, made at the first one; the jars are checked for there. */
    private static synchronized StartupArchives archives(Path root, String version) {
        if (archives == null) {
            archives = new StartupArchives(root, version);
        }
        return archives;
    }

    static String javaExecutable() {
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
        strayDatabase.close();
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
