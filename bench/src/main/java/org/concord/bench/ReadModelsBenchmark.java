package org.concord.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.concord.eventstore.SequencedMongoEventStorageEngine;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The benchmark of the history read models (issue #5) against a running Concord. Reads: a PUBLIC
 * consultation of about 300 provisions is taken to 2,000 versions by drafter revisions through the
 * gateway, then four history reads are timed one after another through the gateway. Rebuild: the
 * event store is filled to 100,000 events with {@link SyntheticHistory}, and once the projections have
 * caught up, an administrator rebuilds every read model and the benchmark follows its progress.
 */
final class ReadModelsBenchmark {

    private static final Duration PATIENCE = Duration.ofMinutes(60);
    private static final double TARGET_P99_MS = 50;
    private static final double TARGET_REBUILD_SECONDS = 120;

    private final Options options;
    private final GatewayClient gateway;

    ReadModelsBenchmark(Options options) {
        this.options = options;
        this.gateway = options.gateway();
    }

    /**
     * What to run against and how big. {@code parts}: {@code reads}, {@code rebuild} or both;
     * {@code events}: the number of events the store holds before the rebuild.
     */
    record Options(GatewayClient gateway, Path dataDir, String mongodbUri, Set<String> parts, int provisions, int versions,
                   int samples, int warmUp, long events, int appendThreads, long seed, URI pagesBase, List<String> pages,
                   String consultation, String pageToken) {

        static Options parse(String... args) throws IOException {
            Map<String, String> given = Bench.options(args);
            String mongodb = StoreFill.mongodbUri(given);
            return new Options(GatewayClient.from(given), GatewayClient.dataDir(given), mongodb,
                    Set.of(given.getOrDefault("parts", "reads,rebuild").split(",")),
                    Integer.parseInt(given.getOrDefault("provisions", "300")),
                    Integer.parseInt(given.getOrDefault("versions", "2000")),
                    Integer.parseInt(given.getOrDefault("samples", "500")),
                    Integer.parseInt(given.getOrDefault("warm-up", "100")),
                    Long.parseLong(given.getOrDefault("events", "100000")),
                    Integer.parseInt(given.getOrDefault("append-threads", "4")),
                    Long.parseLong(given.getOrDefault("seed", "5")),
                    URI.create(given.getOrDefault("pages-base", given.getOrDefault("gateway", "http://localhost:8080"))),
                    List.of(given.getOrDefault("pages", "text,provenance,history,timeline").split(",")),
                    given.get("consultation"), given.get("page-token"));
        }
    }

    String run() throws Exception {
        StringBuilder out = new StringBuilder(machine());
        try (ServiceUsage memory = new ServiceUsage(options.dataDir())) {
            Random random = new Random(options.seed());
            Revised consultation = null;
            if (options.parts().contains("reads") || options.parts().contains("pages") && options.consultation() == null) {
                memory.phase(options.parts().contains("reads") ? "reads" : "setup");
                consultation = revised(random);
            }
            if (options.parts().contains("reads")) {
                memory.phase("reads");
                out.append(reads(consultation, random));
            }
            if (options.parts().contains("pages")) {
                memory.phase("pages");
                out.append(new WorkspacePages(options.pagesBase(), options.warmUp(), options.samples()).run(
                        consultation == null ? options.consultation() : consultation.id(), options.pages(),
                        options.pageToken() != null ? options.pageToken() : consultation == null ? null : consultation.drafter()));
            }
            if (options.parts().contains("rebuild")) {
                out.append(rebuild(memory));
            }
            memory.phase("end");
            out.append("\n#### Resident memory of the services\n\n").append(memory.table());
        }
        return out.toString();
    }

    /** A provision as the benchmark knows it; the id of one it inserted is unknown until it reads the text back. */
    private record Draft(String provisionId, String label, String text) {
    }

    /** One kind of timed read: the path of each request, drawn at random. */
    private record Read(String name, Function<Random, String> path) {
    }

    /** The consultation the reads are timed on, as the setup left it, and the token of the drafter who revised it. */
    private record Revised(String id, String path, int provisions, Instant firstVersionAt, Instant lastVersionAt, double seconds,
                           String drafter) {
    }

    private String reads(Revised consultation, Random random) {
        String base = consultation.path();
        long span = Duration.between(consultation.firstVersionAt(), consultation.lastVersionAt()).toMillis();
        List<Read> reads = List.of(
                new Read("`GET versions/{n}`, n uniform in 1–" + options.versions(),
                        r -> base + "/versions/" + (1 + r.nextInt(options.versions()))),
                new Read("`GET text?asOf=`, instant uniform between versions 1 and " + options.versions(),
                        r -> base + "/text?asOf=" + consultation.firstVersionAt().plusMillis((long) (r.nextDouble() * span))),
                new Read("`GET diff?from=1&to=" + options.versions() + "`", r -> base + "/diff?from=1&to=" + options.versions()),
                new Read("`GET provenance`", r -> base + "/provenance"));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n### Reads through the gateway%n%nConsultation %s: %d provisions at version 1, "
                        + "%d at version %,d; %,d versions made by drafter revisions in %.0f s (%.0f revisions/s, each waiting for "
                        + "the previous one). Reads anonymous (PUBLIC consultation), sequential, %d warm-up requests then %d "
                        + "timed ones each. Load average before timing: %s.%n%n", base, options.provisions(), consultation.provisions(),
                options.versions(), options.versions(), consultation.seconds(), (options.versions() - 1) / consultation.seconds(),
                options.warmUp(), options.samples(), loadAverage()));
        out.append("| read | p50 ms | p95 ms | p99 ms | max ms | p99 / 50 ms target | answer KiB |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Read read : reads) {
            log("timing %s", read.name());
            for (int i = 0; i < options.warmUp(); i++) {
                gateway.read(read.path().apply(random));
            }
            long[] nanos = new long[options.samples()];
            long bytes = 0;
            for (int i = 0; i < options.samples(); i++) {
                String path = read.path().apply(random);
                long start = System.nanoTime();
                bytes += gateway.read(path).length;
                nanos[i] = System.nanoTime() - start;
            }
            Latencies latencies = Latencies.of(nanos);
            out.append("| ").append(read.name()).append(" | ").append(Latencies.cell(latencies.ms(0.50)))
                    .append(" | ").append(Latencies.cell(latencies.ms(0.95))).append(" | ").append(Latencies.cell(latencies.ms(0.99)))
                    .append(" | ").append(Latencies.cell(latencies.maxMs()))
                    .append(String.format(Locale.ROOT, " | %.2f | %.0f |%n", latencies.ms(0.99) / TARGET_P99_MS,
                            bytes / 1024.0 / options.samples()));
        }
        out.append(String.format(Locale.ROOT, "%nLoad average after timing: %s.%n", loadAverage()));
        return out.toString();
    }

    /**
     * A drafter creates a PUBLIC consultation and revises it, one change a revision, until it has
     * {@code versions} versions; every 50 versions the text the read models serve is checked against
     * the one the revisions made. Answers once the read models hold the last version.
     */
    private Revised revised(Random random) {
        GuidelineWording wording = new GuidelineWording(random);
        String run = Long.toString(System.currentTimeMillis(), 36);
        String drafter = gateway.register("Benchmark penholders " + run, "INTERNATIONAL_ORGANISATION", "DRAFTER");
        List<Map<String, String>> initial = new ArrayList<>();
        for (int i = 1; i <= options.provisions(); i++) {
            initial.add(Map.of("label", Integer.toString(i), "text", wording.provision()));
        }
        long start = System.nanoTime();
        JsonNode created = gateway.post(drafter, "/api/consultations", Map.of("title", "Read-model benchmark " + run,
                "summary", "A consultation revised " + options.versions() + " times", "visibility", "PUBLIC",
                "provisions", initial), "read-models-" + run + "-create");
        String id = created.get("consultationId").asText();
        String base = "/api/consultations/" + id;
        long position = created.get("position").asLong();
        List<Draft> text = served(gateway.readAfter(null, base + "/versions/1", position, PATIENCE));
        int inserted = 0;
        for (int version = 2; version <= options.versions(); version++) {
            Map<String, Object> change = nextChange(text, random, wording, inserted);
            inserted += change.get("kind").equals("INSERT_AFTER") ? 1 : 0;
            // the key makes a resent revision harmless, and the base version refuses any second one: exactly one version each
            JsonNode answer = gateway.post(drafter, base + "/revisions", Map.of("baseVersion", version - 1,
                    "reason", wording.reason(), "changes", List.of(change)), "read-models-" + run + "-v" + version);
            if (answer.get("version").asInt() != version) {
                throw new IllegalStateException("Revision " + version + " made version " + answer.get("version"));
            }
            position = answer.get("position").asLong();
            if (version % 50 == 0 || version == options.versions()) {
                text = checked(text, served(gateway.readAfter(null, base + "/versions/" + version, position, PATIENCE)), version);
            }
            if (version % 250 == 0) {
                log("  version %,d of %,d (%d provisions), %.0f s", version, options.versions(), text.size(), (System.nanoTime() - start) / 1e9);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode versions = gateway.readAfter(null, base + "/versions", position, PATIENCE);
        if (versions.size() != options.versions()) {
            throw new IllegalStateException("Expected " + options.versions() + " versions, the read model lists " + versions.size());
        }
        log("set up %s: %,d versions, %d provisions, in %.0f s", base, options.versions(), text.size(), seconds);
        return new Revised(id, base, text.size(), Instant.parse(versions.get(0).get("createdAt").asText()),
                Instant.parse(versions.get(versions.size() - 1).get("createdAt").asText()), seconds, drafter);
    }

    /**
     * The next revision's one change, applied to {@code text} too: mostly a few words of a provision
     * reworded, sometimes a provision inserted or deleted, so that the text stays near its size.
     */
    private Map<String, Object> nextChange(List<Draft> text, Random random, GuidelineWording wording, int inserted) {
        List<Integer> known = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).provisionId() != null) {
                known.add(i);
            }
        }
        int at = known.get(random.nextInt(known.size()));
        Draft target = text.get(at);
        int roll = random.nextInt(100);
        if (text.size() < options.provisions() - 5 || text.size() <= options.provisions() + 5 && roll >= 80 && roll < 90) {
            int dot = target.label().indexOf('.');
            String label = (dot < 0 ? target.label() : target.label().substring(0, dot)) + "." + (inserted + 1);
            String wordingOf = wording.provision();
            text.add(at + 1, new Draft(null, label, wordingOf));
            return Map.of("kind", "INSERT_AFTER", "provisionId", target.provisionId(), "label", label, "text", wordingOf);
        }
        if (text.size() > options.provisions() + 5 || roll >= 90) {
            text.remove(at);
            return Map.of("kind", "DELETE", "provisionId", target.provisionId());
        }
        String reworded = wording.reword(target.text());
        text.set(at, new Draft(target.provisionId(), target.label(), reworded));
        return Map.of("kind", "REPLACE", "provisionId", target.provisionId(), "text", reworded);
    }

    private static List<Draft> served(JsonNode textAtVersion) {
        List<Draft> provisions = new ArrayList<>();
        textAtVersion.get("provisions").forEach(p -> provisions.add(
                new Draft(p.get("provisionId").asText(), p.get("label").asText(), p.get("text").asText())));
        return provisions;
    }

    /** The text the read model serves, after checking that it is the one the benchmark's revisions made. */
    private static List<Draft> checked(List<Draft> expected, List<Draft> served, int version) {
        boolean same = expected.size() == served.size();
        for (int i = 0; same && i < expected.size(); i++) {
            Draft mine = expected.get(i);
            Draft theirs = served.get(i);
            same = mine.label().equals(theirs.label()) && mine.text().equals(theirs.text())
                    && (mine.provisionId() == null || mine.provisionId().equals(theirs.provisionId()));
        }
        if (!same) {
            throw new IllegalStateException("The read model's text at version " + version + " is not the one the revisions made");
        }
        return served;
    }

    private String rebuild(ServiceUsage memory) throws Exception {
        StringBuilder out = new StringBuilder("\n### Rebuild\n\n");
        memory.phase("append");
        long head = filled(out);
        memory.phase("catch-up");
        long catchUpStart = System.nanoTime();
        JsonNode consultationsBefore = gateway.readAfter(null, "/api/consultations", head, PATIENCE);
        double catchUp = (System.nanoTime() - catchUpStart) / 1e9;
        log("the projections reached position %,d %.0f s later", head, catchUp);
        out.append(String.format(Locale.ROOT, "The projections had processed every event %.0f s after that.%n", catchUp));

        memory.phase("rebuild");
        Path log = options.dataDir().resolve("logs").resolve("query-side.log");
        long logFrom = Files.exists(log) ? Files.size(log) : 0;
        String loadBefore = loadAverage();
        long start = System.nanoTime();
        JsonNode started = gateway.post(gateway.adminToken(), "/api/admin/replay", null);
        int generation = started.get("generation").asInt();
        log("rebuild into generation %d started: %s", generation, started);
        JsonNode status = started;
        List<String> progress = new ArrayList<>();
        long reportedAt = 0;
        while (!(status.get("state").asText().equals("DONE") && status.get("generation").asInt() == generation)) {
            if (System.nanoTime() - start > PATIENCE.toNanos()) {
                throw new IllegalStateException("The rebuild did not finish within " + PATIENCE + ": " + status);
            }
            Thread.sleep(1000);
            status = gateway.get(gateway.adminToken(), "/api/admin/replay");
            long elapsed = (System.nanoTime() - start) / 1_000_000_000L;
            if (elapsed >= reportedAt + 10) {
                reportedAt = elapsed;
                progress.add(String.format(Locale.ROOT, "%d s: %s of %s", elapsed, status.get("processed"), status.get("total")));
                log("  rebuild %s", progress.get(progress.size() - 1));
            }
        }
        double clientSeconds = (System.nanoTime() - start) / 1e9;
        String loadAfter = loadAverage();
        Instant startedAt = Instant.parse(status.get("startedAt").asText());
        Instant finishedAt = Instant.parse(status.get("finishedAt").asText());
        double seconds = Duration.between(startedAt, finishedAt).toMillis() / 1e3;
        long total = status.get("total").asLong();
        JsonNode consultationsAfter = gateway.get("/api/consultations");

        out.append(String.format(Locale.ROOT, "%n| measure | value | target | ratio |%n|---|---:|---:|---:|%n"
                        + "| rebuild, from the query side's status (startedAt → finishedAt) | %.1f s | < %.0f s | %.2f |%n"
                        + "| rebuild, seen by the client (POST → DONE, polled every second) | %.1f s | | |%n"
                        + "| event positions rebuilt | %,d | | |%n"
                        + "| rate | %,.0f events/s (status: %s positions/s) | > %,.0f events/s | |%n",
                seconds, TARGET_REBUILD_SECONDS, seconds / TARGET_REBUILD_SECONDS, clientSeconds, total, total / seconds,
                status.get("positionsPerSecond"), total / TARGET_REBUILD_SECONDS));
        out.append(String.format(Locale.ROOT, "%nLoad average before the rebuild: %s; after: %s. Consultations listed "
                + "after the rebuild are the same as before: %s.%n", loadBefore, loadAfter, consultationsBefore.equals(consultationsAfter)));
        out.append("\nProgress seen by the client (`GET /api/admin/replay`):\n\n");
        progress.forEach(line -> out.append("    ").append(line).append('\n'));
        out.append("\nThe query side's log about the rebuild:\n\n");
        logLines(log, logFrom).forEach(line -> out.append("    ").append(line).append('\n'));
        return out.toString();
    }

    /**
     * Fills the event store with {@link SyntheticHistory} until it holds {@code events} positions, through
     * Concord's own storage engine on the running Concord's MongoDB, and says so in {@code out}. Answers
     * the head position.
     */
    private long filled(StringBuilder out) throws Exception {
        try (MongoClient client = MongoClients.create(options.mongodbUri())) {
            MongoDatabase database = client.getDatabase(StoreFill.databaseName(options.mongodbUri()));
            SequencedMongoEventStorageEngine engine = StoreFill.engine(database);
            StoreFill.requireSameStore(gateway, engine, options.mongodbUri(), "Read-model benchmark");
            long head = engine.headPosition();
            if (head < options.events()) {
                long count = options.events() - head;
                log("the store holds %,d event positions; appending %,d", head, count);
                double seconds = new SyntheticHistory(engine, options.seed()).append(count, options.appendThreads());
                out.append(String.format(Locale.ROOT, "Appended %,d events to the %,d stored, straight into the event store "
                        + "(`SyntheticHistory`, %d threads, one event per commit), in %.0f s (%.0f events/s) while the query side "
                        + "projected them.%n", count, head, options.appendThreads(), seconds, count / seconds));
                head = engine.headPosition();
            }
            long events = database.getCollection("events").countDocuments(Filters.ne("tombstone", true));
            out.append(String.format(Locale.ROOT, "The store holds %,d events (head position %,d).%n", events, head));
            return head;
        }
    }

    /** The lines of the query side's log written since {@code from} by the rebuild, its progress thinned out. */
    private static List<String> logLines(Path log, long from) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(log)) {
            lines.add("(no log at " + log + ")");
            return lines;
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(from);
            byte[] written = new byte[(int) (file.length() - from)];
            file.readFully(written);
            int progressLines = 0;
            for (String line : new String(written, StandardCharsets.UTF_8).split("\n")) {
                // the rebuild logs its progress every 5 s; one such line in six is enough to follow it
                boolean progress = line.contains("Rebuilding the read models: ");
                if (line.contains("ReadModelRebuild") && (!progress || progressLines++ % 6 == 0)) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }

    private static String machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format(Locale.ROOT, "Machine: %d cores, %.0f GiB RAM; the benchmark's JDK %s (%s); load average at the start: %s.%n",
                Runtime.getRuntime().availableProcessors(), memory / (double) (1L << 30), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), loadAverage());
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
