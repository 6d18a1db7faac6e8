package org.concord.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.eventstore.RawEventLog;
import org.concord.eventstore.SafeEventLog;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.eventstore.log.LogBuilder;
import org.concord.eventstore.log.LogKeys;
import org.concord.eventstore.log.LogStorage;
import org.concord.verifier.Hex;
import org.concord.verifier.Merkle;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The verifiable log's costs (issue #19), in three parts.
 * <ul>
 *   <li>{@code appends}: in this JVM, Concord's storage engine on an embedded mongo-java-server appends while event-store's
 *   {@link LogBuilder} grows the tree over the same database, called in a loop as the query side calls it, and without
 *   it: rounds alternate between tree on and tree off (on-off, then off-on, ...), each round on a fresh server and file,
 *   and each pair of rounds gives a ratio on / off.</li>
 *   <li>{@code export}: against a running Concord, the store is filled with {@link SyntheticHistory} to
 *   {@code --export-events}, and once a checkpoint covers them the export ({@code GET /api/log/export}) and the offline
 *   verifier's {@code verify} on it are timed.</li>
 *   <li>{@code proofs}: the store is filled to {@code --events}, and once a checkpoint covers them
 *   {@code --proofs} inclusion proofs of random entries are timed one after another, each checked against the latest
 *   checkpoint's root.</li>
 * </ul>
 */
final class LogBenchmark {

    private static final Duration PATIENCE = Duration.ofMinutes(90);
    private static final double TARGET_RATIO = 0.9;
    private static final double TARGET_PROOF_P99_MS = 10;
    private static final double TARGET_VERIFY_SECONDS = 10;
    private static final int AGGREGATES = 100;
    /** As the query side's loop: while events arrive it builds every 250 ms, in pages of 1,000 positions. */
    private static final String BUILD_PAUSE_MILLIS = "250";
    private static final String QUIET_BUSY_SHARE = "0.15";
    private static final int QUIET_WINDOW_SECONDS = 10;
    private static final int BUILD_BATCH = 1000;
    private static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Options(Set<String> parts, String backend, int warmUpPairs, int pairs, int commits, int eventsPerCommit,
                   long buildPauseMillis, Map<String, String> given, String mongodbUri, long events, long exportEvents, int proofs,
                   int warmUpProofs, double quietBusyShare, long seed, int appendThreads, int commitSize, Path verifierJar,
                   Path workDirectory) {

        static Options parse(String... args) {
            Map<String, String> given = Bench.options(args);
            String mongodb = StoreFill.mongodbUri(given);
            Set<String> parts = Set.of(given.getOrDefault("parts", "appends,export,proofs").split(","));
            for (String part : parts) {
                if (!Set.of("appends", "export", "proofs").contains(part)) {
                    throw new IllegalArgumentException("--parts takes appends, export and proofs, not " + part);
                }
            }
            Options options = new Options(parts, given.getOrDefault("backend", "h2"),
                    Integer.parseInt(given.getOrDefault("warm-up-pairs", "1")),
                    Integer.parseInt(given.getOrDefault("pairs", "4")),
                    Integer.parseInt(given.getOrDefault("commits", "10000")),
                    Integer.parseInt(given.getOrDefault("events-per-commit", "1")),
                    Long.parseLong(given.getOrDefault("build-pause-ms", BUILD_PAUSE_MILLIS)),
                    given, mongodb,
                    Long.parseLong(given.getOrDefault("events", "1000000")),
                    Long.parseLong(given.getOrDefault("export-events", "100000")),
                    Integer.parseInt(given.getOrDefault("proofs", "1000")),
                    Integer.parseInt(given.getOrDefault("warm-up-proofs", "20000")),
                    Double.parseDouble(given.getOrDefault("quiet-busy-share", QUIET_BUSY_SHARE)),
                    Long.parseLong(given.getOrDefault("seed", "19")),
                    Integer.parseInt(given.getOrDefault("append-threads", "4")),
                    Integer.parseInt(given.getOrDefault("commit-size", "1")),
                    Path.of(given.getOrDefault("verifier", "verifier/target/concord-verifier.jar")),
                    Path.of(given.getOrDefault("work-dir", System.getProperty("java.io.tmpdir"))).resolve("concord-log-bench"));
            if (options.pairs() < 2 || options.warmUpPairs() < 0 || options.commits() < 1 || options.eventsPerCommit() < 1) {
                throw new IllegalArgumentException("at least 2 pairs of rounds (tree on and off alternate at least twice), "
                        + "no negative warm-up, at least one commit of one event");
            }
            if (!(options.quietBusyShare() > 0 && options.quietBusyShare() <= 1)) {
                throw new IllegalArgumentException("--quiet-busy-share takes a share of the cores above 0 and at most 1, not "
                        + options.quietBusyShare());
            }
            if (options.proofs() < 1 || options.events() < options.exportEvents()) {
                throw new IllegalArgumentException("at least one proof, and --events no fewer than --export-events");
            }
            return options;
        }
    }

    private final Options options;

    LogBenchmark(Options options) {
        this.options = options;
    }

    String run() throws Exception {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "Machine: %d cores; JDK %s; load average at the start: %s.%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), ReadModelsBenchmark.loadAverage()));
        if (options.parts().contains("appends")) {
            report.append(appends());
        }
        if (options.parts().contains("export") || options.parts().contains("proofs")) {
            GatewayClient gateway = GatewayClient.from(options.given());
            try (MongoClient client = MongoClients.create(options.mongodbUri())) {
                MongoDatabase database = client.getDatabase(StoreFill.databaseName(options.mongodbUri()));
                SequencedMongoEventStorageEngine engine = StoreFill.engine(database);
                StoreFill.requireSameStore(gateway, engine, options.mongodbUri(), "Log benchmark");
                if (options.parts().contains("export")) {
                    report.append(export(gateway, database, engine));
                }
                if (options.parts().contains("proofs")) {
                    report.append(proofs(gateway, database, engine));
                }
            }
        }
        return report.toString();
    }

    // ---- appends with the tree on and off ----

    /** One round's figures: the append rate, and with the tree on how far it had got when the appends ended. */
    private record Round(boolean tree, double eventsPerSecond, long appended, long leavesAtEnd, double catchUpSeconds) {
    }

    private String appends() throws IOException {
        List<Round[]> pairs = new ArrayList<>();
        Path keys = Files.createTempDirectory("concord-log-bench-keys-");
        try {
            LogKeys logKeys = LogKeys.open(keys.resolve("log"));
            for (int pair = 0; pair < options.warmUpPairs() + options.pairs(); pair++) {
                boolean warmUp = pair < options.warmUpPairs();
                boolean treeFirst = Math.floorMod(pair - options.warmUpPairs(), 2) == 0;
                Round[] rounds = new Round[2];
                for (int turn = 0; turn < 2; turn++) {
                    boolean tree = treeFirst == (turn == 0);
                    Round round;
                    // each round on a server of its own, in a fresh file: on one file, H2's background work on a
                    // round's pages (its dropped database's chunks freed and compacted) ran during the next round
                    try (EventStoreBenchmark.EmbeddedServer server = EventStoreBenchmark.EmbeddedServer.start(options.backend())) {
                        round = appendRound(server.client().getDatabase("log_bench"), tree ? logKeys : null);
                    }
                    rounds[tree ? 0 : 1] = round;
                    log("%s pair %d, tree %s: %,.0f events/s%s", warmUp ? "warm-up" : "measured", warmUp ? pair + 1 : pair - options.warmUpPairs() + 1,
                            tree ? "on" : "off", round.eventsPerSecond(), tree ? String.format(Locale.ROOT,
                                    " (tree at %,d leaves when the appends ended; all %,d %.1f s later)", round.leavesAtEnd(), round.appended(),
                                    round.catchUpSeconds()) : "");
                }
                if (!warmUp) {
                    pairs.add(rounds);
                }
            }
        } finally {
            deleteTree(keys);
        }
        return appendsTable(pairs);
    }

    /** Appends {@code --commits} commits to a fresh database, with a builder growing the tree meanwhile when given keys. */
    private Round appendRound(MongoDatabase database, LogKeys keys) {
        SequencedMongoEventStorageEngine engine = SequencedMongoEventStorageEngine.builder()
                .database(database).eventSerializer(SERIALIZER).snapshotSerializer(SERIALIZER).build();
        AtomicBoolean stop = new AtomicBoolean();
        Thread builderThread = null;
        LogBuilder builder = null;
        if (keys != null) {
            // the query side's own engine instance reads the store, as a separate process would
            RawEventLog reader = (RawEventLog) SafeEventLog.reading(database);
            LogBuilder building = new LogBuilder(reader, new LogStorage(database), keys, Clock.systemUTC(), "log-bench",
                    Duration.ofSeconds(10), Duration.ofSeconds(5), BUILD_BATCH);
            builder = building;
            builderThread = new Thread(() -> {
                while (!stop.get()) {
                    building.build();
                    Bench.sleep(options.buildPauseMillis());
                }
            }, "log-builder");
            builderThread.start();
        }
        long[] nextSequence = new long[AGGREGATES];
        String prefix = "append-" + System.nanoTime() + "-";
        long start = System.nanoTime();
        for (int commit = 0; commit < options.commits(); commit++) {
            int aggregate = commit % AGGREGATES;
            engine.appendEvents(events(prefix + aggregate, nextSequence[aggregate], options.eventsPerCommit()));
            nextSequence[aggregate] += options.eventsPerCommit();
        }
        long nanos = System.nanoTime() - start;
        long appended = (long) options.commits() * options.eventsPerCommit();
        long leavesAtEnd = 0;
        double catchUp = 0;
        if (builderThread != null) {
            LogStorage storage = new LogStorage(database);
            leavesAtEnd = storage.state().treeSize();
            long caughtUpFrom = System.nanoTime();
            while (storage.state().treeSize() < appended) {
                if (System.nanoTime() - caughtUpFrom > PATIENCE.toNanos()) {
                    throw new IllegalStateException("The tree did not reach " + appended + " leaves within " + PATIENCE);
                }
                Bench.sleep(20);
            }
            catchUp = (System.nanoTime() - caughtUpFrom) / 1e9;
            stop.set(true);
            try {
                builderThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            builder.release();
        }
        return new Round(keys != null, appended / (nanos / 1e9), appended, leavesAtEnd, catchUp);
    }

    private static List<EventMessage<?>> events(String aggregate, long firstSequence, int size) {
        List<EventMessage<?>> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long sequence = firstSequence + i;
            events.add(new GenericDomainEventMessage<>("BenchAggregate", aggregate, sequence,
                    new BenchEvent(aggregate, sequence, "a paragraph of the guideline was amended, version " + sequence),
                    MetaData.emptyInstance()));
        }
        return events;
    }

    private String appendsTable(List<Round[]> pairs) {
        List<Double> on = pairs.stream().map(pair -> pair[0].eventsPerSecond()).toList();
        List<Double> off = pairs.stream().map(pair -> pair[1].eventsPerSecond()).toList();
        List<Double> ratios = pairs.stream().map(pair -> pair[0].eventsPerSecond() / pair[1].eventsPerSecond()).toList();
        double ratio = median(ratios);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n### Appends with the tree on and off (mongo-java-server, %s backend, in-process)%n%n", options.backend()));
        out.append(String.format(Locale.ROOT, "%d commits of %d event%s per round, one thread, round-robin over %d aggregates, each round on a fresh "
                        + "server and file; with the tree on, event-store's LogBuilder builds over the same database in this JVM, called every %d ms "
                        + "in pages of %,d as the query side calls it. %d warm-up pair%s discarded.%n%n",
                options.commits(), options.eventsPerCommit(), options.eventsPerCommit() == 1 ? "" : "s", AGGREGATES, options.buildPauseMillis(),
                BUILD_BATCH, options.warmUpPairs(), options.warmUpPairs() == 1 ? "" : "s"));
        out.append("| measure | tree on | tree off | on / off | target |\n|---|---:|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| append (events/s, median of %d rounds) | %,.0f | %,.0f | **%.2f** (median of the pairs' ratios; %.2f to %.2f) | ≥ %.1f (%s) |%n",
                pairs.size(), median(on), median(off), ratio, ratios.stream().min(Double::compare).orElseThrow(),
                ratios.stream().max(Double::compare).orElseThrow(), TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "not met"));
        out.append("\nPairs (tree on / tree off = ratio; the tree's leaves when the appends ended, and the seconds it then took to cover them all):\n");
        for (int i = 0; i < pairs.size(); i++) {
            Round[] pair = pairs.get(i);
            out.append(String.format(Locale.ROOT, "- pair %d (%s first): %,.0f / %,.0f = %.2f; %,d of %,d leaves, %.1f s%n", i + 1,
                    i % 2 == 0 ? "tree on" : "tree off", pair[0].eventsPerSecond(), pair[1].eventsPerSecond(), ratios.get(i),
                    pair[0].leavesAtEnd(), pair[0].appended(), pair[0].catchUpSeconds()));
        }
        out.append(String.format(Locale.ROOT, "%nLoad average after the rounds: %s.%n", ReadModelsBenchmark.loadAverage()));
        return out.toString();
    }

    // ---- a running Concord: export and verify, inclusion proofs ----

    private String export(GatewayClient gateway, MongoDatabase database, SequencedMongoEventStorageEngine engine) throws Exception {
        StringBuilder out = new StringBuilder("\n### Export and offline verification\n\n");
        fill(out, database, engine, options.exportEvents(), options.seed());
        JsonNode checkpoint = awaitCheckpointCovering(gateway, database, out);
        long entries = Math.min(options.exportEvents(), checkpoint.get("treeSize").asLong());

        Path directory = options.workDirectory().resolve("export");
        Files.createDirectories(directory);
        Path key = directory.resolve("key.pem");
        Files.write(key, httpGet(gateway, "/api/log/key"));
        Path full = directory.resolve("full.jsonl");
        long start = System.nanoTime();
        long bytes = download(gateway, "/api/log/export", full);
        double exportSeconds = (System.nanoTime() - start) / 1e9;
        Path exported = directory.resolve("log.jsonl");
        long[] kept = firstEntries(full, exported, entries);
        log("exported %,d bytes in %.1f s; kept %,d entries and %,d checkpoints in %s", bytes, exportSeconds, kept[0], kept[1], exported);
        Files.delete(full);

        out.append(String.format(Locale.ROOT, "%n| measure | value | target |%n|---|---:|---:|%n"));
        out.append(String.format(Locale.ROOT, "| export, `GET /api/log/export` through the gateway (%,.1f MB) | %.1f s | |%n", bytes / 1e6, exportSeconds));
        out.append(String.format(Locale.ROOT, "| the export's first %,d entries, with the %,d checkpoints of at most that many | | |%n", kept[0], kept[1]));
        if (!Files.exists(options.verifierJar())) {
            out.append(String.format(Locale.ROOT, "%nThe verifier was not timed: no %s (build it with `./mvnw -B -pl verifier package -DskipTests`).%n",
                    options.verifierJar()));
            return out.toString();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                options.verifierJar().toString(), "verify", "--key", key.toString(), "--log", exported.toString());
        start = System.nanoTime();
        Process verifier = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said;
        try (InputStream output = verifier.getInputStream()) {
            said = new String(output.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        int exit = verifier.waitFor();
        double verifySeconds = (System.nanoTime() - start) / 1e9;
        log("verifier: exit %d in %.1f s: %s", exit, verifySeconds, said);
        out.append(String.format(Locale.ROOT, "| `java -jar %s verify` on those %,d entries (exit %d) | **%.1f s** | < %.0f s (%s) |%n",
                options.verifierJar(), kept[0], exit, verifySeconds, TARGET_VERIFY_SECONDS,
                exit == 0 && verifySeconds < TARGET_VERIFY_SECONDS ? "met" : "not met"));
        out.append("\nThe verifier said:\n\n");
        said.lines().limit(20).forEach(line -> out.append("    ").append(line).append('\n'));
        out.append(String.format(Locale.ROOT, "%nLoad average after the verification: %s.%n", ReadModelsBenchmark.loadAverage()));
        return out.toString();
    }

    private String proofs(GatewayClient gateway, MongoDatabase database, SequencedMongoEventStorageEngine engine) throws Exception {
        StringBuilder out = new StringBuilder("\n### Inclusion proofs\n\n");
        fill(out, database, engine, options.events(), options.seed() + 1);
        JsonNode checkpoint = awaitCheckpointCovering(gateway, database, out);
        long treeSize = checkpoint.get("treeSize").asLong();
        byte[] root = Hex.parse(checkpoint.get("rootHash").asText());
        awaitQuietMachine(out, options.quietBusyShare());

        Random random = new Random(options.seed());
        List<Long> positions = new ArrayList<>();
        Set<Long> drawn = new HashSet<>();
        while (drawn.size() < Math.min(treeSize, options.warmUpProofs() + options.proofs())) {
            drawn.add(Math.floorMod(random.nextLong(), treeSize));
        }
        LogStorage storage = new LogStorage(database);
        for (long index : drawn) {
            positions.add(storage.leaves(index, index).get(0).position());
        }
        java.util.Collections.shuffle(positions, random);

        int warmUp = Math.min(options.warmUpProofs(), positions.size() - 1);
        Map<String, GatewayClient> targets = new LinkedHashMap<>();
        targets.put("through the gateway", gateway);
        if (options.given().containsKey("query-side")) {
            targets.put("straight to the query side", GatewayClient.from(Map.of("gateway", options.given().get("query-side"), "admin-token", "-")));
        }
        out.append(String.format(Locale.ROOT, "%n%,d warm-up then %,d timed `GET /api/log/proof/inclusion?position=&treeSize=%d`, one after "
                        + "another, for random entries of a tree of %,d leaves; every proof led to the checkpoint's root.%n%n",
                warmUp, positions.size() - warmUp, treeSize, treeSize));
        out.append("| requests | p50 | p95 | p99 | max | target |\n|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, GatewayClient> target : targets.entrySet()) {
            Latencies latencies = timedProofs(target.getValue(), positions, warmUp, treeSize, root);
            out.append(String.format(Locale.ROOT, "| %s | %s ms | %s ms | **%s ms** | %s ms | p99 < %.0f ms (%s) |%n", target.getKey(),
                    Latencies.cell(latencies.ms(0.50)), Latencies.cell(latencies.ms(0.95)), Latencies.cell(latencies.ms(0.99)),
                    Latencies.cell(latencies.maxMs()), TARGET_PROOF_P99_MS, latencies.ms(0.99) < TARGET_PROOF_P99_MS ? "met" : "not met"));
        }
        out.append(String.format(Locale.ROOT, "%nLoad average after the proofs: %s.%n", ReadModelsBenchmark.loadAverage()));
        return out.toString();
    }

    /** Times the proofs of {@code positions} one after another, the first {@code warmUp} untimed, and checks each against the root. */
    private static Latencies timedProofs(GatewayClient client, List<Long> positions, int warmUp, long treeSize, byte[] root) throws IOException {
        long[] nanos = new long[positions.size() - warmUp];
        List<byte[]> answers = new ArrayList<>();
        for (int i = 0; i < positions.size(); i++) {
            String path = "/api/log/proof/inclusion?position=" + positions.get(i) + "&treeSize=" + treeSize;
            long start = System.nanoTime();
            byte[] body = client.read(path);
            long took = System.nanoTime() - start;
            if (i >= warmUp) {
                nanos[i - warmUp] = took;
            }
            answers.add(body);
        }
        for (byte[] answer : answers) {
            JsonNode proof = JSON.readTree(answer);
            List<byte[]> path = new ArrayList<>();
            proof.get("auditPath").forEach(node -> path.add(Hex.parse(node.asText())));
            if (!Merkle.verifyInclusion(Hex.parse(proof.get("leafHash").asText()), proof.get("leafIndex").asLong(), treeSize, path, root)) {
                throw new IllegalStateException("An inclusion proof does not lead to the checkpoint's root: " + proof);
            }
        }
        return Latencies.of(nanos);
    }

    /** Tops the store up to {@code events} positions with {@link SyntheticHistory}, saying so in {@code out}. */
    private void fill(StringBuilder out, MongoDatabase database, SequencedMongoEventStorageEngine engine, long events, long seed) throws Exception {
        long head = engine.headPosition();
        if (head < events) {
            long count = events - head;
            log("the store holds %,d event positions; appending %,d", head, count);
            double seconds = new SyntheticHistory(engine, seed).append(count, options.appendThreads(), options.commitSize());
            out.append(String.format(Locale.ROOT, "Appended %,d events to the %,d stored, straight into the event store (`SyntheticHistory`, "
                    + "%d threads, commits of up to %d events), in %.0f s (%.0f events/s) while the query side projected them and grew "
                    + "the tree.%n", count, head, options.appendThreads(), options.commitSize(), seconds, count / seconds));
        }
        long stored = storedEvents(database);
        out.append(String.format(Locale.ROOT, "The store holds %,d events (head position %,d).%n", stored, engine.headPosition()));
    }

    /**
     * Waits until the machine's cores are at most {@code quiet} busy over {@value #QUIET_WINDOW_SECONDS} s (from
     * {@code /proc/stat}; {@code --quiet-busy-share}, {@value #QUIET_BUSY_SHARE} by default, more for a store whose
     * embedded server compacts its file long after a fill): the query side projects the filled events long after the
     * tree covers them, and proofs timed meanwhile would measure that work. Says in {@code out} how long it waited; no wait without {@code /proc}.
     */
    private static void awaitQuietMachine(StringBuilder out, double quiet) {
        long start = System.nanoTime();
        long[] before = cpuTimes();
        while (before != null) {
            Bench.sleep(QUIET_WINDOW_SECONDS * 1000L);
            long[] now = cpuTimes();
            double busy = (double) (now[0] - before[0]) / Math.max(1, now[1] - before[1]);
            long waited = (System.nanoTime() - start) / 1_000_000_000L;
            if (busy <= quiet) {
                out.append(String.format(Locale.ROOT, "The machine was quiet (%.0f %% busy over %d s) %d s later; the proofs ran then.%n",
                        100 * busy, QUIET_WINDOW_SECONDS, waited));
                return;
            }
            if (System.nanoTime() - start > PATIENCE.toNanos()) {
                out.append(String.format(Locale.ROOT, "The machine was still %.0f %% busy after %d s; the proofs ran anyway.%n", 100 * busy, waited));
                return;
            }
            log("  %d s: the machine is %.0f %% busy (the query side projecting, the embedded server compacting?); waiting for it to settle", waited, 100 * busy);
            before = now;
        }
    }

    /** Busy and total CPU time of the machine so far, in ticks ({@code /proc/stat}); null without it. */
    private static long[] cpuTimes() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[]{total - idle, total};
        } catch (IOException | RuntimeException noProc) {
            return null;
        }
    }

    /**
     * The events stored: the collection's count, which the server keeps, not a scan. On the embedded server a scan of a
     * million events outlives the old H2 versions it reads while the query side writes ("Chunk … not found",
     * docs/benchmarks.md). A fill leaves no tombstones (a failed append ends it), so the count is the events'.
     */
    private static long storedEvents(MongoDatabase database) {
        return database.getCollection("events").estimatedDocumentCount();
    }

    /** The latest checkpoint once it covers every event stored now; says in {@code out} how long that took. */
    private JsonNode awaitCheckpointCovering(GatewayClient gateway, MongoDatabase database, StringBuilder out) {
        long events = storedEvents(database);
        long start = System.nanoTime();
        long reportedAt = 0;
        while (true) {
            JsonNode latest = latestCheckpoint(gateway);
            long size = latest == null ? 0 : latest.get("treeSize").asLong();
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            if (size >= events) {
                log("a checkpoint of %,d leaves covers the %,d events, %d s after they were stored", size, events, elapsed);
                out.append(String.format(Locale.ROOT, "A checkpoint covered them %d s later (tree size %,d).%n", elapsed, size));
                return latest;
            }
            if (System.nanoTime() - start > PATIENCE.toNanos()) {
                throw new IllegalStateException("No checkpoint covered the " + events + " events within " + PATIENCE + "; the latest: " + latest);
            }
            if (elapsed >= reportedAt + 10) {
                reportedAt = elapsed;
                log("  %d s: the latest checkpoint has %,d of %,d leaves", elapsed, size, events);
            }
            Bench.sleep(1000);
        }
    }

    private static JsonNode latestCheckpoint(GatewayClient gateway) {
        HttpResponse<byte[]> response = send(gateway, "/api/log/checkpoints/latest", HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/log/checkpoints/latest answered " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET /api/log/checkpoints/latest answered no JSON", e);
        }
    }

    private static byte[] httpGet(GatewayClient gateway, String path) {
        HttpResponse<byte[]> response = send(gateway, path, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** Streams {@code path} to {@code file}; answers its bytes. */
    private static long download(GatewayClient gateway, String path, Path file) {
        HttpResponse<Path> response = send(gateway, path, HttpResponse.BodyHandlers.ofFile(file));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> HttpResponse<T> send(GatewayClient gateway, String path, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(gateway.base().resolve(path)).timeout(Duration.ofMinutes(10)).build(), body);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Copies the export's checkpoints of at most {@code entries} leaves and its lines up to the {@code entries}-th leaf:
     * the export of the log as it stood at that size. Answers the entries and checkpoints kept.
     */
    private static long[] firstEntries(Path export, Path kept, long entries) throws IOException {
        long leaves = 0;
        long checkpoints = 0;
        try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(kept, StandardCharsets.UTF_8)) {
            String line;
            while (leaves < entries && (line = in.readLine()) != null) {
                JsonNode parsed = JSON.readTree(line);
                String kind = parsed.path("kind").asText();
                if (kind.equals("checkpoint")) {
                    if (parsed.path("treeSize").asLong() > entries) {
                        continue;
                    }
                    checkpoints++;
                } else if (!parsed.path("leafIndex").isNull()) {
                    leaves++;
                }
                out.write(line);
                out.newLine();
            }
        }
        return new long[]{leaves, checkpoints};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static void deleteTree(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
