package org.concord.system;

import org.concord.testing.MongoDbExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Class-data archives of the services, so that the system tests' many starts of Concord (some twenty a run, and
 * the restarts) do not each load and verify the same twenty thousand classes again: a start then costs about half
 * the CPU (query side alone: 5.7–6.2 s against 9.7–14.5 s), and four JVMs start together on two cores.
 *
 * <p>This is Spring Boot's documented way to use the JDK's class-data sharing: each module's jar is extracted
 * ({@code -Djarmode=tools extract}), a training run refreshes its application context and exits
 * ({@code -Dspring.context.exit=onRefresh}), writing the classes it loaded to an archive
 * ({@code -XX:ArchiveClassesAtExit}), and every start after it maps that archive ({@code -XX:SharedArchiveFile}).
 * Made afresh in each test JVM under {@code system-tests/target/startup-archives}, by the JVM that runs them, so
 * they never outlive the jars or the JDK they were made from. A JVM that cannot use an archive says so on its
 * output and starts without it. From Java 25 the archive is an AOT cache ({@code -XX:AOTCacheOutput},
 * {@code -XX:AOTCache}; JEP 483 and 514), as {@code ./concord} makes it there: the dynamic archive's training
 * crashed the gateway's JVM on Temurin 25.0.3.
 *
 * <p>The jar this extracts is the packaged one, unchanged; what only the packaged jar does (its launcher, its
 * nested libraries), as the Docker images run it, is exercised by the starts that use it: the second Concord of
 * {@code EmbeddedMongoIT} ({@link ConcordProcesses#startFromPackagedJars}), {@code AdminTokenIT}'s gateways and
 * the embedded MongoDB.
 */
final class StartupArchives {

    private static final long TRAINING_MINUTES = 3;
    /** Whether the services' JVM, this one, makes an AOT cache rather than a dynamic archive. */
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;

    private final Path root;
    private final String version;
    private final Path directory;
    private final Map<String, List<String>> launchArguments = new HashMap<>();

    StartupArchives(Path root, String version) {
        this.root = root;
        this.version = version;
        this.directory = root.resolve("system-tests/target/startup-archives");
    }

    /** The arguments that start {@code module} after the JVM options: its archive and its extracted jar. */
    synchronized List<String> launchArguments(String module) {
        List<String> arguments = launchArguments.get(module);
        if (arguments == null) {
            throw new IllegalStateException("No startup archive was prepared for " + module);
        }
        return arguments;
    }

    /**
     * Makes the archive of each module not yet archived, all at once: each training run is given the
     * environment its module will start with, but a database and a data directory of its own and no ports.
     */
    synchronized void prepare(Map<String, Map<String, String>> environments, List<String> jvmOptions) {
        Map<String, Process> training = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Map<String, String>> module : environments.entrySet()) {
                if (!launchArguments.containsKey(module.getKey())) {
                    training.put(module.getKey(), train(module.getKey(), module.getValue(), jvmOptions));
                }
            }
            for (Map.Entry<String, Process> running : training.entrySet()) {
                String module = running.getKey();
                Process process = running.getValue();
                if (!process.waitFor(TRAINING_MINUTES, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("The training run of " + module + " did not end within "
                            + TRAINING_MINUTES + " min; see " + log(module));
                }
                if (process.exitValue() != 0 || !Files.isRegularFile(archive(module))) {
                    throw new IllegalStateException("The training run of " + module + " exited with "
                            + process.exitValue() + " and no archive; see " + log(module));
                }
                launchArguments.put(module, List.of((AOT_CACHE ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + archive(module),
                        "-jar", extractedJar(module).toString()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making the startup archives", e);
        } finally {
            training.values().forEach(Process::destroyForcibly);
        }
    }

    private Process train(String module, Map<String, String> environment, List<String> jvmOptions) throws InterruptedException {
        Path jar = ConcordProcesses.packagedJar(root, version, module);
        Path extracted = directory.resolve(module);
        try {
            Files.createDirectories(directory);
            deleteRecursively(extracted);
            deleteRecursively(dataDirectory(module));
            Files.createDirectories(extracted);
            Files.deleteIfExists(archive(module));
            run(module, List.of(ConcordProcesses.javaExecutable(), "-Djarmode=tools", "-jar", jar.toString(),
                    "extract", "--destination", extracted.toString()), Map.of(), false);

            Map<String, String> own = new HashMap<>(environment);
            own.put("CONCORD_MONGODB_URI", MongoDbExtension.newDatabase().uri());
            // a data directory of its own, emptied before each training run
            own.put("CONCORD_DATA_DIR", Files.createDirectories(dataDirectory(module)).toString());
            own.put("SERVER_PORT", "0");
            own.put("MANAGEMENT_SERVER_PORT", "0");
            // the gateway must not reach for a database, and the test that watches for it must not see the training
            own.remove("SPRING_DATA_MONGODB_URI");
            own.remove("SPRING_MONGODB_URI");
            List<String> command = new ArrayList<>();
            command.add(ConcordProcesses.javaExecutable());
            command.addAll(jvmOptions);
            command.add("-XX:ErrorFile=" + directory.resolve(module + "-hs_err_%p.log"));
            command.addAll(List.of((AOT_CACHE ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + archive(module),
                    "-Dspring.context.exit=onRefresh", "-jar", extractedJar(module).toString()));
            return start(module, command, own, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the startup archive of " + module, e);
        }
    }

    private void run(String module, List<String> command, Map<String, String> environment, boolean append)
            throws IOException, InterruptedException {
        Process process = start(module, command, environment, append);
        if (!process.waitFor(TRAINING_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("Extracting " + module + "'s jar failed; see " + log(module));
        }
    }

    private Process start(String module, List<String> command, Map<String, String> environment, boolean append)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log(module).toFile())
                        : ProcessBuilder.Redirect.to(log(module).toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private Path extractedJar(String module) {
        return directory.resolve(module).resolve(module + "-" + version + "-exec.jar");
    }

    private Path dataDirectory(String module) {
        return directory.resolve(module + "-data");
    }

    private Path archive(String module) {
        return directory.resolve(module + (AOT_CACHE ? ".aot" : ".jsa"));
    }

    private Path log(String module) {
        return directory.resolve(module + "-training.log");
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
