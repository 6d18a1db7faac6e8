package org.concord.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.concord.bench.DeadlineDayLoad.Delegate;
import org.concord.bench.DeadlineDayLoad.Route;
import org.concord.bench.DeadlineDayLoad.Target;
import org.concord.bench.DeadlineDayLoad.Write;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.concord.web.identity.SignedRequest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deadline day (issue #8): many participants comment, propose and support amendments on one
 * consultation at once, each write with an {@code Idempotency-Key}, retried with the same key until it
 * gets a definitive answer. Throughput, latency per kind and projection lag; then every acknowledged
 * write is checked to be in the read models and in the feed exactly once, and nothing refused to be
 * there. With {@code --faults} the query side, the command side and the gateway are each killed with
 * SIGKILL during the load and restarted ({@code ./concord restart}); with {@code --direct} the same
 * load is run a second time straight at the command side, signing the caller header as the gateway does.
 * This class sets the scene and puts the report together; {@link DeadlineDayLoad} is the load,
 * {@link DeadlineDayFaults} the faults, {@link DeadlineDayChecks} the checks and {@link DeadlineDayReport}
 * the figures.
 */
final class DeadlineDayBenchmark {

    private static final String[] TYPES = {"STATE", "INTERNATIONAL_ORGANISATION", "COMPANY", "NGO", "ACADEMIA"};
    /** The phases of the resources table, by the load run in them. */
    private static final String GATEWAY_PHASE = "load through the gateway";
    private static final String DIRECT_PHASE = "load straight to the command side";

    private final Options options;
    private final GatewayClient concord;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    DeadlineDayBenchmark(Options options) {
        this.options = options;
        this.concord = options.concord();
    }

    /** What to run against and how hard; see bench/README.md. */
    record Options(GatewayClient concord, URI gateway, URI commandSide, Path dataDir, String mongodbUri, Path script,
                   int participants, Duration duration, Duration warmUp, Duration timeout, long thinkMillis, int readersPerWriter,
                   int rawAppendThreads, boolean direct, boolean directOnly, boolean faults, boolean replay) {

        static Options parse(String... args) throws IOException {
            // --direct, --direct-only and --faults may be given bare
            Map<String, String> given = Bench.options(java.util.Arrays.stream(args)
                    .map(arg -> arg.equals("--direct") || arg.equals("--direct-only") || arg.equals("--faults") ? arg + "=true" : arg)
                    .toArray(String[]::new));
            String mongodb = StoreFill.mongodbUri(given);
            String commandSide = given.getOrDefault("command-side",
                    "http://127.0.0.1:" + System.getenv().getOrDefault("CONCORD_COMMAND_SIDE_PORT", "8081"));
            boolean faults = Boolean.parseBoolean(given.getOrDefault("faults", "false"));
            boolean directOnly = Boolean.parseBoolean(given.getOrDefault("direct-only", "false"));
            return new Options(GatewayClient.from(given), URI.create(given.getOrDefault("gateway", "http://localhost:8080")),
                    URI.create(commandSide), GatewayClient.dataDir(given), mongodb,
                    Path.of(given.getOrDefault("concord", "./concord")),
                    Integer.parseInt(given.getOrDefault("participants", "200")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("duration-seconds", "60"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("warm-up-seconds", "15"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("timeout-seconds", "15"))),
                    Long.parseLong(given.getOrDefault("think-ms", "0")),
                    Integer.parseInt(given.getOrDefault("readers-per-writer", "0")),
                    Integer.parseInt(given.getOrDefault("raw-append-threads", "4")),
                    Boolean.parseBoolean(given.getOrDefault("direct", "false")) || directOnly,
                    directOnly, faults,
                    Boolean.parseBoolean(given.getOrDefault("replay", Boolean.toString(faults))));
        }
    }

    String run() throws Exception {
        ServiceUsage usage = new ServiceUsage(options.dataDir());
        StoreOperations operations = new StoreOperations(options.mongodbUri());
        String suffix = Long.toString(Instant.now().toEpochMilli());
        Delegate drafter = register("Deadline day secretariat " + suffix, "INTERNATIONAL_ORGANISATION", "DRAFTER");
        List<Delegate> delegates = registerDelegates(suffix);
        List<Map<String, String>> provisions = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            provisions.add(Map.of("label", Integer.toString(i), "text", new GuidelineWording(new Random(i)).provision()));
        }
        JsonNode created = concord.post(drafter.token(), "/api/consultations", Map.of("title", "Deadline day " + suffix,
                "summary", "The last day of a comment round", "visibility", "PUBLIC", "provisions", provisions), UUID.randomUUID().toString());
        String consultationId = created.get("consultationId").asText();
        long opened = concord.post(drafter.token(), "/api/consultations/" + consultationId + "/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString()), UUID.randomUUID().toString()).get("position").asLong();
        List<String> provisionIds = new ArrayList<>();
        concord.readAfter(drafter.token(), "/api/consultations/" + consultationId, opened, Duration.ofSeconds(60))
                .get("provisions").forEach(p -> provisionIds.add(p.get("provisionId").asText()));
        Target target = new Target(consultationId, provisionIds);
        System.err.printf("deadline-day: %d delegates registered, consultation %s open%n", delegates.size(), consultationId);

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Deadline day: %d participants, %d s per phase after %d s of warm-up per route, closed loop "
                        + "(think time %d ms), %d readers per writer, each write with an Idempotency-Key, a request timing out after %d s; "
                        + "load average before: %s.%n%n",
                delegates.size(), options.duration().toSeconds(), options.warmUp().toSeconds(), options.thinkMillis(), options.readersPerWriter(),
                options.timeout().toSeconds(), loadAverage()));
        Route viaGateway = (delegate, path, body) -> HttpRequest.newBuilder(options.gateway().resolve(path))
                .header("Authorization", "Bearer " + delegate.token());
        Route straight = null;
        if (options.direct()) {
            CallerIdentityCodec codec = new CallerIdentityCodec(internalSecret(), new tools.jackson.databind.json.JsonMapper(), Clock.systemUTC());
            straight = (delegate, path, body) -> HttpRequest.newBuilder(options.commandSide().resolve(path))
                    .header(CallerIdentityCodec.HEADER, codec.encode(delegate.identity(),
                            SignedRequest.of("POST", options.commandSide().resolve(path), body)));
        }
        List<DeadlineDayLoad> phases = new ArrayList<>();
        if (!options.warmUp().isZero()) {
            // the services' JIT warms up on writes that are checked below but not timed, on both routes
            usage.phase("warm-up");
            operations.phase("warm-up");
            if (!options.directOnly()) {
                load("warm-up", viaGateway, target, delegates, phases).run(options.warmUp(), false);
            }
            if (straight != null) {
                load("warm-up", straight, target, delegates, phases).run(options.warmUp(), false);
            }
        }
        DeadlineDayLoad gateway = null;
        if (!options.directOnly()) {
            // the gateway's phase leaves work behind it (projections catching up) for the direct one: --direct-only
            // compares the command side alone between two runs
            usage.phase(GATEWAY_PHASE);
            operations.phase(GATEWAY_PHASE);
            gateway = load("gateway", viaGateway, target, delegates, phases);
            gateway.run(options.duration(), options.faults());
            out.append(DeadlineDayReport.phase(gateway, options));
        }
        if (straight != null) {
            usage.phase(DIRECT_PHASE);
            operations.phase(DIRECT_PHASE);
            DeadlineDayLoad direct = load("direct", straight, target, delegates, phases);
            direct.run(options.duration(), false);
            out.append(DeadlineDayReport.phase(direct, options));
            if (gateway != null) {
                out.append(DeadlineDayReport.ratios(gateway, direct));
            }
        }
        usage.phase("checks");
        operations.phase("checks");
        List<Write> all = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (DeadlineDayLoad phase : phases) {
            all.addAll(phase.acknowledged.values());
            refused.addAll(phase.refused);
        }
        out.append(new DeadlineDayChecks(options, http, consultationId, all, refused).run());
        if (options.rawAppendThreads() > 0) {
            usage.phase("raw appends");
            operations.phase("raw appends");
            out.append(rawAppends(phases));
        }
        usage.close();
        Map<String, Integer> writesByPhase = new LinkedHashMap<>();
        for (DeadlineDayLoad phase : phases) {
            String name = switch (phase.name) {
                case "gateway" -> GATEWAY_PHASE;
                case "direct" -> DIRECT_PHASE;
                default -> phase.name;
            };
            writesByPhase.merge(name, phase.acknowledged.size(), Integer::sum);
        }
        out.append("\nResident memory, peak per phase (MiB):\n\n").append(usage.table());
        out.append("\nCPU time per phase (user + system), and per acknowledged write:\n\n").append(usage.cpuTable(writesByPhase));
        out.append("\nMongoDB operations per phase (the server's `serverStatus` opcounters, every client's), and per acknowledged write:\n\n")
                .append(operations.table(writesByPhase));
        operations.close();
        out.append("\nLoad average after: ").append(loadAverage()).append(".\n");
        return out.toString();
    }

    /**
     * The store's own rate for the events of the first timed phase ({@link RawAppends}), and that phase's writes/s
     * against it. Run after the checks, while the services are idle.
     */
    private String rawAppends(List<DeadlineDayLoad> phases) throws Exception {
        DeadlineDayLoad timed = phases.stream().filter(phase -> !phase.name.equals("warm-up")).findFirst().orElse(null);
        if (timed == null || timed.acknowledged.isEmpty()) {
            return "";
        }
        List<Long> positions = timed.acknowledged.values().stream().map(Write::position).toList();
        RawAppends.Result raw;
        try {
            raw = RawAppends.run(options.mongodbUri(), positions, options.rawAppendThreads());
        } catch (RuntimeException | ExecutionException failed) {
            // a Concord whose MongoDB this machine cannot reach: the rest of the report stands
            return String.format(Locale.ROOT, "%n### The store's own append rate for the same events%n%nNot measured: %s (%s).%n",
                    failed.getClass().getSimpleName(), options.mongodbUri().replaceAll("//[^@/]*@", "//"));
        }
        return String.format(Locale.ROOT, "%n### The store's own append rate for the same events%n%n"
                        + "The %,d events of the %s phase's acknowledged writes, read back and appended again with the storage engine, "
                        + "one commit each, into a scratch database on the same server (%d threads, an aggregate per thread): "
                        + "%.1f s, **%,.0f events/s**. The phase's %.1f writes/s are **%.1f %%** of it.%n",
                raw.events(), timed.name, raw.threads(), raw.seconds(), raw.perSecond(), timed.perSecond(),
                100 * timed.perSecond() / raw.perSecond());
    }

    private DeadlineDayLoad load(String name, Route route, Target target, List<Delegate> delegates,
                                 List<DeadlineDayLoad> phases) {
        DeadlineDayLoad load = new DeadlineDayLoad(name, route, target, delegates, options, http);
        phases.add(load);
        return load;
    }

    private Delegate register(String organisation, String stakeholderType, String role) {
        JsonNode registered = concord.post(concord.adminToken(), "/api/participants", Map.of("organisation", organisation,
                "stakeholderType", stakeholderType, "displayName", organisation, "roles", List.of(role)), UUID.randomUUID().toString());
        return new Delegate(registered.get("token").asText(), new CallerIdentity(registered.get("participantId").asText(),
                organisation, stakeholderType, null, organisation, Set.of(role)));
    }

    private List<Delegate> registerDelegates(String suffix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Delegate>> futures = new ArrayList<>();
            for (int i = 0; i < options.participants(); i++) {
                int n = i;
                futures.add(pool.submit(() -> register("Deadline day delegation " + n + " " + suffix, TYPES[n % TYPES.length], "PARTICIPANT")));
            }
            List<Delegate> delegates = new ArrayList<>();
            for (Future<Delegate> future : futures) {
                delegates.add(future.get());
            }
            return delegates;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The internal secret {@code ./concord up} shares with the services: {@code CONCORD_INTERNAL_SECRET}, else {@code internal-secret} in the data directory. */
    private String internalSecret() throws IOException {
        String secret = System.getenv("CONCORD_INTERNAL_SECRET");
        return secret != null && !secret.isBlank() ? secret : Files.readString(options.dataDir().resolve("internal-secret")).trim();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
