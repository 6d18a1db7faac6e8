package org.concord.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Deadline day (issue #8): many participants comment, propose and support amendments on one
 * consultation at once, each write with an {@code Idempotency-Key}, retried with the same key until it
 * gets a definitive answer. Throughput, latency per kind and projection lag; then every acknowledged
 * write is checked to be in the read models and in the feed exactly once, and nothing refused to be
 * there. With {@code --faults} the query side, the command side and the gateway are each killed with
 * SIGKILL during the load and restarted ({@code ./concord restart}); with {@code --direct} the same
 * load is run a second time straight at the command side, signing the caller header as the gateway does.
 */
final class DeadlineDayBenchmark {

    private static final String[] TYPES = {"STATE", "INTERNATIONAL_ORGANISATION", "COMPANY", "NGO", "ACADEMIA"};
    private static final List<String> KINDS = List.of("comment", "amendment", "support");
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private static final long LAG_SAMPLE_MILLIS = 100;

    private final Options options;
    private final GatewayClient concord;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    DeadlineDayBenchmark(Options options) {
        this.options = options;
        this.concord = options.concord();
    }

    /** What to run against and how hard; see bench/README.md. */
    record Options(GatewayClient concord, URI gateway, URI commandSide, Path dataDir, String mongodbUri, Path script,
                   int participants, Duration duration, Duration warmUp, Duration timeout, long thinkMillis, boolean direct,
                   boolean directOnly, boolean faults, boolean replay) {

        static Options parse(String... args) throws IOException {
            // --direct, --direct-only and --faults may be given bare
            Map<String, String> given = Bench.options(java.util.Arrays.stream(args)
                    .map(arg -> arg.equals("--direct") || arg.equals("--direct-only") || arg.equals("--faults") ? arg + "=true" : arg)
                    .toArray(String[]::new));
            String mongodb = given.getOrDefault("mongodb-uri", System.getenv("CONCORD_MONGODB_URI"));
            if (mongodb == null || mongodb.isBlank()) {
                mongodb = "mongodb://127.0.0.1:" + System.getenv().getOrDefault("CONCORD_EMBEDDED_MONGO_PORT", "27017") + "/concord";
            }
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
                    Boolean.parseBoolean(given.getOrDefault("direct", "false")) || directOnly,
                    directOnly, faults,
                    Boolean.parseBoolean(given.getOrDefault("replay", Boolean.toString(faults))));
        }
    }

    /** A delegate: the token the gateway knows, and the identity the gateway would sign for it. */
    private record Delegate(String token, CallerIdentity identity) {
    }

    /** One acknowledged write. {@code latencyNanos}: from its first attempt to its definitive answer. */
    private record Write(String phase, String kind, String key, String target, long position, long latencyNanos, int attempts) {

        String eventType() {
            return switch (kind) {
                case "comment" -> "CommentPosted";
                case "amendment" -> "AmendmentProposed";
                default -> "AmendmentSupported";
            };
        }
    }

    /** Where a phase sends its writes: the gateway with each delegate's token, or the command side with a signed caller header. */
    private interface Route {
        HttpRequest.Builder request(Delegate delegate, String path);
    }

    String run() throws Exception {
        ServiceMemory memory = new ServiceMemory(options.dataDir());
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
        System.err.printf("deadline-day: %d delegates registered, consultation %s open%n", delegates.size(), consultationId);

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Deadline day: %d participants, %d s per phase after %d s of warm-up per route, closed loop "
                        + "(think time %d ms), each write with an Idempotency-Key, a request timing out after %d s; load average before: %s.%n%n",
                delegates.size(), options.duration().toSeconds(), options.warmUp().toSeconds(), options.thinkMillis(),
                options.timeout().toSeconds(), loadAverage()));
        Route viaGateway = (delegate, path) -> HttpRequest.newBuilder(options.gateway().resolve(path))
                .header("Authorization", "Bearer " + delegate.token());
        Route straight = null;
        if (options.direct()) {
            CallerIdentityCodec codec = new CallerIdentityCodec(internalSecret(), new tools.jackson.databind.json.JsonMapper(), Clock.systemUTC());
            straight = (delegate, path) -> HttpRequest.newBuilder(options.commandSide().resolve(path))
                    .header(CallerIdentityCodec.HEADER, codec.encode(delegate.identity()));
        }
        List<Phase> phases = new ArrayList<>();
        if (!options.warmUp().isZero()) {
            // the services' JIT warms up on writes that are checked below but not timed, on both routes
            memory.phase("warm-up");
            if (!options.directOnly()) {
                phases.add(new Phase("warm-up", viaGateway, consultationId, provisionIds, delegates, drafter));
                phases.get(phases.size() - 1).run(options.warmUp(), false);
            }
            if (straight != null) {
                phases.add(new Phase("warm-up", straight, consultationId, provisionIds, delegates, drafter));
                phases.get(phases.size() - 1).run(options.warmUp(), false);
            }
        }
        Phase gateway = null;
        if (!options.directOnly()) {
            // the gateway's phase leaves work behind it (projections catching up) for the direct one: --direct-only
            // compares the command side alone between two runs
            memory.phase("load through the gateway");
            gateway = new Phase("gateway", viaGateway, consultationId, provisionIds, delegates, drafter);
            phases.add(gateway);
            gateway.run(options.duration(), options.faults());
            out.append(gateway.report());
        }
        if (straight != null) {
            memory.phase("load straight to the command side");
            Phase direct = new Phase("direct", straight, consultationId, provisionIds, delegates, drafter);
            phases.add(direct);
            direct.run(options.duration(), false);
            out.append(direct.report());
            if (gateway != null) {
                out.append(ratios(gateway, direct));
            }
        }
        memory.phase("checks");
        List<Write> all = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Phase phase : phases) {
            all.addAll(phase.acknowledged.values());
            refused.addAll(phase.refused);
        }
        out.append(new Checks(consultationId, all, refused).run());
        memory.close();
        out.append("\nResident memory, peak per phase (MiB):\n\n").append(memory.table());
        out.append("\nLoad average after: ").append(loadAverage()).append(".\n");
        return out.toString();
    }

    /** One load phase: the participants' clients, the projection-lag sampler and, if asked, the faults. */
    private final class Phase {
        final String name;
        final Route route;
        final String consultationId;
        final List<String> provisionIds;
        final List<Delegate> delegates;
        final Delegate drafter;
        final AtomicBoolean stop = new AtomicBoolean();
        final Map<String, Write> acknowledged = new ConcurrentHashMap<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> retriesByCause = new ConcurrentHashMap<>();
        final List<String> proposed = new CopyOnWriteArrayList<>();
        final Map<String, String> authorOf = new ConcurrentHashMap<>();
        final Set<String> supports = ConcurrentHashMap.newKeySet();
        final AtomicReference<long[]> latestAck = new AtomicReference<>(new long[]{-1, 0});
        final List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger lagsGivenUp = new AtomicInteger();
        final List<String> faults = new CopyOnWriteArrayList<>();
        double seconds;

        Phase(String name, Route route, String consultationId, List<String> provisionIds, List<Delegate> delegates, Delegate drafter) {
            this.name = name;
            this.route = route;
            this.consultationId = consultationId;
            this.provisionIds = provisionIds;
            this.delegates = delegates;
            this.drafter = drafter;
        }

        void run(Duration length, boolean withFaults) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(delegates.size() + 2);
            List<Future<?>> clients = new ArrayList<>();
            long start = System.nanoTime();
            for (Delegate delegate : delegates) {
                clients.add(pool.submit(() -> client(delegate)));
            }
            Future<?> sampler = pool.submit(this::sampleLag);
            Future<?> faulting = withFaults ? pool.submit(this::faults) : null;
            TimeUnit.NANOSECONDS.sleep(length.toNanos());
            if (faulting != null) {
                // the load goes on until every service killed is back and has served writes for a while
                faulting.get();
                TimeUnit.SECONDS.sleep(5);
            }
            stop.set(true);
            for (Future<?> client : clients) {
                client.get();
            }
            seconds = (System.nanoTime() - start) / 1e9;
            sampler.get();
            pool.shutdownNow();
            System.err.printf("deadline-day: %s phase done, %d writes acknowledged in %.1f s%n", name, acknowledged.size(), seconds);
        }

        private void client(Delegate delegate) {
            String consultation = "/api/consultations/" + consultationId;
            while (!stop.get()) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int dice = random.nextInt(100);
                String key = UUID.randomUUID().toString();
                String candidate = proposed.isEmpty() ? null : proposed.get(random.nextInt(proposed.size()));
                if (dice < 20 && candidate != null && !delegate.token().equals(authorOf.get(candidate))
                        && supports.add(delegate.token() + candidate)) {
                    write(delegate, "support", key, candidate, consultation + "/amendments/" + candidate + "/support", null);
                } else if (dice < 45) {
                    write(delegate, "amendment", key, null, consultation + "/amendments", Map.of("kind", "REPLACE",
                            "provisionId", provisionIds.get(random.nextInt(provisionIds.size())), "baseVersion", 1,
                            "text", new GuidelineWording(new Random(random.nextLong())).provision(), "justification", "DD " + key));
                } else {
                    Map<String, Object> comment = new HashMap<>(Map.of("body", "DD " + key,
                            "attribution", random.nextInt(3) == 0 ? "CHATHAM_HOUSE" : "ATTRIBUTED"));
                    if (random.nextBoolean()) {
                        comment.put("provisionId", provisionIds.get(random.nextInt(provisionIds.size())));
                    }
                    write(delegate, "comment", key, null, consultation + "/comments", comment);
                }
                if (options.thinkMillis() > 0) {
                    sleep(options.thinkMillis());
                }
            }
        }

        /** Sends one write, with the same key, until it gets a definitive answer: 2xx, or a 4xx that is not "retry". */
        private void write(Delegate delegate, String kind, String key, String target, String path, Object body) {
            long start = System.nanoTime();
            long giveUp = start + GIVE_UP_AFTER.toNanos();
            for (int attempt = 1; System.nanoTime() < giveUp; attempt++) {
                HttpRequest.Builder request = route.request(delegate, path).timeout(options.timeout()).header("Idempotency-Key", key);
                if (body == null) {
                    request.POST(HttpRequest.BodyPublishers.noBody());
                } else {
                    request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json(body)));
                }
                HttpResponse<String> response;
                try {
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    retry(e.getClass().getSimpleName());
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                int status = response.statusCode();
                if (status / 100 == 2) {
                    JsonNode answer = parse(response.body());
                    long position = answer.get("position").asLong();
                    long now = System.nanoTime();
                    acknowledged.put(key, new Write(name, kind, key, target, position, now - start, attempt));
                    latestAck.accumulateAndGet(new long[]{position, now}, (a, b) -> a[0] >= b[0] ? a : b);
                    if (kind.equals("amendment")) {
                        String amendmentId = answer.get("amendmentId").asText();
                        authorOf.put(amendmentId, delegate.token());
                        proposed.add(amendmentId);
                    }
                    return;
                }
                if (status / 100 == 5 || status == 429 || (status == 409 && response.body().contains("idempotency-key-in-progress"))) {
                    retry(status == 409 ? "409 in progress" : Integer.toString(status));
                    continue;
                }
                refused.add(kind + " " + key + ": " + status + " " + response.body());
                return;
            }
            refused.add(kind + " " + key + ": no definitive answer within " + GIVE_UP_AFTER);
        }

        private void retry(String cause) {
            retriesByCause.computeIfAbsent(cause, c -> new AtomicInteger()).incrementAndGet();
            sleep(ThreadLocalRandom.current().nextLong(100, 400));
        }

        /**
         * Projection lag: every {@value #LAG_SAMPLE_MILLIS} ms, the latest acknowledged write not sampled yet is read
         * back with {@code ?minPosition=} its position (the query side holds the read until it has projected it, up to a
         * few seconds; a read that answers before then is sent again); the lag is from that write's 2xx to the answer
         * that says the read side caught up. Samples overlap, so a slow projection does not thin them out.
         */
        private void sampleLag() {
            long sampled = -1;
            List<CompletableFuture<?>> pending = new ArrayList<>();
            while (!stop.get()) {
                long[] latest = latestAck.get();
                if (latest[0] > sampled) {
                    sampled = latest[0];
                    pending.add(readBack(latest[0], latest[1], System.nanoTime() + TimeUnit.SECONDS.toNanos(60)));
                }
                sleep(LAG_SAMPLE_MILLIS);
            }
            pending.forEach(read -> {
                try {
                    read.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // a read that failed is a sample lost, not a result
                }
            });
        }

        private CompletableFuture<Void> readBack(long position, long acknowledgedAt, long giveUp) {
            HttpRequest request = HttpRequest.newBuilder(options.gateway().resolve("/api/consultations/" + consultationId + "?minPosition=" + position))
                    .header("Authorization", "Bearer " + drafter.token()).timeout(options.timeout()).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
                if (failure == null && response.statusCode() == 200
                        && response.headers().firstValue("X-Concord-Caught-Up").orElse("true").equals("true")) {
                    lags.add(System.nanoTime() - acknowledgedAt);
                    return CompletableFuture.<Void>completedFuture(null);
                }
                if (System.nanoTime() > giveUp) {
                    lagsGivenUp.incrementAndGet();
                    return CompletableFuture.<Void>completedFuture(null);
                }
                if (failure != null || response.statusCode() != 200) {
                    sleep(200);
                }
                return readBack(position, acknowledgedAt, giveUp);
            }).thenCompose(next -> next);
        }

        /** Kills the query side, then the command side, then the gateway with SIGKILL during the load, restarting each. */
        private void faults() {
            List<String> services = List.of("query-side", "command-side", "api-gateway");
            long start = System.nanoTime();
            for (int i = 0; i < services.size(); i++) {
                long at = start + options.duration().toNanos() * (i + 1) / (services.size() + 1);
                sleep(Math.max(0, (at - System.nanoTime()) / 1_000_000));
                String service = services.get(i);
                try {
                    long pid = Long.parseLong(Files.readString(options.dataDir().resolve("run").resolve(service + ".pid")).trim());
                    ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(service + " is not running"));
                    long killedAt = System.nanoTime();
                    process.destroyForcibly();
                    process.onExit().get(30, TimeUnit.SECONDS);
                    System.err.printf("deadline-day: killed %s (pid %d) with SIGKILL at %.1f s%n", service, pid, (killedAt - start) / 1e9);
                    sleep(2000);
                    Process restart = new ProcessBuilder(options.script().toString(), "restart", service)
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
                    int exit = restart.waitFor();
                    double down = (System.nanoTime() - killedAt) / 1e9;
                    faults.add(String.format(Locale.ROOT, "| %s | %.1f s | %s |", service, (killedAt - start) / 1e9,
                            exit == 0 ? String.format(Locale.ROOT, "healthy again %.1f s after the kill", down)
                                    : "**restart failed** (exit " + exit + ")"));
                } catch (Exception e) {
                    faults.add("| " + service + " | – | **could not kill or restart**: " + e + " |");
                }
            }
        }

        String report() {
            StringBuilder out = new StringBuilder();
            String title = name.equals("gateway") ? "through the gateway" : "straight to the command side (signed caller header)";
            out.append("### Writes ").append(title).append(options.faults() && name.equals("gateway") ? ", with faults" : "").append("\n\n");
            out.append("| kind | acknowledged | writes/s | p50 ms | p95 ms | p99 ms | max ms | retried writes |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (String kind : KINDS) {
                row(out, kind, acknowledged.values().stream().filter(w -> w.kind().equals(kind)).toList());
            }
            row(out, "all", new ArrayList<>(acknowledged.values()));
            out.append(String.format(Locale.ROOT, "%nPhase length %.1f s (load for %d s%s, then the writes in flight finished). ", seconds,
                    options.duration().toSeconds(), faults.isEmpty() ? "" : " or until 5 s after the last service killed was back"));
            out.append("Attempts retried, by cause: ").append(retriesByCause.isEmpty() ? "none"
                    : new TreeMap<>(retriesByCause).toString()).append(". Final errors: ").append(refused.size()).append(".\n");
            if (!lags.isEmpty()) {
                Latencies lag = Latencies.of(lags.stream().mapToLong(Long::longValue).toArray());
                out.append(String.format(Locale.ROOT, "%nProjection lag (write's 2xx → a `?minPosition=` read caught up, %d samples, "
                                + "one every %d ms at most; %d given up after 60 s): p50 %s ms, p95 %s ms, **p99 %s ms**, max %s ms.%n",
                        lags.size(), LAG_SAMPLE_MILLIS, lagsGivenUp.get(), Latencies.cell(lag.ms(0.5)),
                        Latencies.cell(lag.ms(0.95)), Latencies.cell(lag.ms(0.99)), Latencies.cell(lag.maxMs())));
            }
            if (!faults.isEmpty()) {
                out.append("\n| service killed (SIGKILL) | at | restarted (`./concord restart`) |\n|---|---:|---|\n");
                faults.forEach(line -> out.append(line).append('\n'));
            }
            out.append('\n');
            return out.toString();
        }

        private void row(StringBuilder out, String kind, List<Write> writes) {
            if (writes.isEmpty()) {
                out.append("| ").append(kind).append(" | 0 | | | | | | |\n");
                return;
            }
            Latencies latencies = Latencies.of(writes.stream().mapToLong(Write::latencyNanos).toArray());
            out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %s | %s | %s | %s | %d |%n", kind, writes.size(), writes.size() / seconds,
                    Latencies.cell(latencies.ms(0.5)), Latencies.cell(latencies.ms(0.95)), Latencies.cell(latencies.ms(0.99)),
                    Latencies.cell(latencies.maxMs()), writes.stream().filter(w -> w.attempts() > 1).count()));
        }

        double perSecond() {
            return acknowledged.size() / seconds;
        }

        Latencies latencies(String kind) {
            return Latencies.of(acknowledged.values().stream().filter(w -> w.kind().equals(kind)).mapToLong(Write::latencyNanos).toArray());
        }
    }

    private static String ratios(Phase gateway, Phase direct) {
        StringBuilder out = new StringBuilder("### The gateway's overhead (through the gateway / straight to the command side)\n\n");
        out.append(String.format(Locale.ROOT, "Throughput: %.1f / %.1f writes/s = **%.2f**.%n%n", gateway.perSecond(), direct.perSecond(),
                gateway.perSecond() / direct.perSecond()));
        out.append("| kind | p50 ratio | p99 ratio |\n|---|---:|---:|\n");
        for (String kind : KINDS) {
            if (gateway.acknowledged.values().stream().anyMatch(w -> w.kind().equals(kind))
                    && direct.acknowledged.values().stream().anyMatch(w -> w.kind().equals(kind))) {
                Latencies through = gateway.latencies(kind);
                Latencies straight = direct.latencies(kind);
                out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f |%n", kind, through.ms(0.5) / straight.ms(0.5),
                        through.ms(0.99) / straight.ms(0.99)));
            }
        }
        return out.append('\n').toString();
    }

    /** After the load: the read models, the feed and (with faults) the event store and a rebuild against the acknowledged writes. */
    private final class Checks {
        final String consultationId;
        final List<Write> writes;
        final List<String> refused;
        final long highest;

        Checks(String consultationId, List<Write> writes, List<String> refused) {
            this.consultationId = consultationId;
            this.writes = writes;
            this.refused = refused;
            this.highest = writes.stream().mapToLong(Write::position).max().orElse(0);
        }

        String run() throws Exception {
            StringBuilder out = new StringBuilder("### Checks\n\n| check | expected | found | lost | duplicated | not acknowledged but present |\n"
                    + "|---|---:|---:|---:|---:|---:|\n");
            String consultation = "/api/consultations/" + consultationId;
            ReadModels before = readModels(consultation);
            check(out, "comments in the read model", keysOf("comment"), before.comments());
            check(out, "amendments in the read model", keysOf("amendment"), before.amendments());
            Map<String, Long> supports = writes.stream().filter(w -> w.kind().equals("support"))
                    .collect(Collectors.groupingBy(Write::target, Collectors.counting()));
            long supportsExpected = supports.values().stream().mapToLong(Long::longValue).sum();
            long supportsFound = before.supporters().values().stream().mapToLong(Long::longValue).sum();
            long supportMismatches = supports.entrySet().stream()
                    .filter(e -> !e.getValue().equals(before.supporters().getOrDefault(e.getKey(), 0L))).count();
            out.append(String.format(Locale.ROOT, "| supporters in the read model | %,d | %,d | %d amendments differ | | |%n",
                    supportsExpected, supportsFound, supportMismatches));
            out.append(feed());
            if (options.faults()) {
                out.append(eventStore(before));
                if (options.replay()) {
                    out.append(replay(consultation, before));
                }
            }
            out.append("\nFinal errors (writes refused with a 4xx other than 409 in progress, or never answered): ")
                    .append(refused.size()).append(refused.isEmpty() ? "" : "; the first: " + refused.get(0)).append(".\n");
            return out.toString();
        }

        private Map<String, Long> keysOf(String kind) {
            return writes.stream().filter(w -> w.kind().equals(kind)).collect(Collectors.toMap(Write::key, w -> 1L));
        }

        private void check(StringBuilder out, String what, Map<String, Long> expected, Map<String, Long> found) {
            long lost = expected.keySet().stream().filter(key -> !found.containsKey(key)).count();
            long duplicated = found.values().stream().filter(count -> count > 1).mapToLong(count -> count - 1).sum();
            long unexpected = found.keySet().stream().filter(key -> !expected.containsKey(key)).count();
            out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | **%d** | **%d** | **%d** |%n", what, expected.size(),
                    found.values().stream().mapToLong(Long::longValue).sum(), lost, duplicated, unexpected));
        }

        private record ReadModels(Map<String, Long> comments, Map<String, Long> amendments, Map<String, Long> supporters) {
        }

        private ReadModels readModels(String consultation) {
            JsonNode comments = concord.readAfter(concord.adminToken(), consultation + "/comments", highest, Duration.ofMinutes(5));
            JsonNode amendments = concord.readAfter(concord.adminToken(), consultation + "/amendments", highest, Duration.ofMinutes(5));
            Map<String, Long> supporters = new HashMap<>();
            amendments.forEach(a -> {
                long total = a.get("supporters").get("total").asLong();
                if (total > 0) {
                    supporters.put(a.get("amendmentId").asText(), total);
                }
            });
            return new ReadModels(byKey(comments.findValuesAsText("body")), byKey(amendments.findValuesAsText("justification")), supporters);
        }

        private static Map<String, Long> byKey(List<String> texts) {
            return texts.stream().filter(text -> text.startsWith("DD ")).collect(Collectors.groupingBy(text -> text.substring(3), Collectors.counting()));
        }

        /** The consultation's SSE feed read from the start until the highest acknowledged position. */
        private String feed() throws Exception {
            Map<Long, String> types = new ConcurrentHashMap<>();
            AtomicInteger twice = new AtomicInteger();
            AtomicBoolean complete = new AtomicBoolean();
            long[] current = {-1};
            HttpRequest request = HttpRequest.newBuilder(options.gateway().resolve("/api/consultations/" + consultationId + "/feed?after=0"))
                    .header("Accept", "text/event-stream").build();
            var response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            Thread reader = new Thread(() -> {
                try {
                    response.get().body().takeWhile(line -> !complete.get()).forEach(line -> {
                        if (line.startsWith("id:")) {
                            current[0] = Long.parseLong(line.substring(3).trim());
                        } else if (line.startsWith("event:") && current[0] >= 0) {
                            if (types.put(current[0], line.substring(6).trim()) != null) {
                                twice.incrementAndGet();
                            }
                            if (current[0] >= highest) {
                                complete.set(true);
                            }
                        }
                    });
                } catch (Exception e) {
                    complete.set(true);
                }
            }, "deadline-day-feed");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!complete.get() && System.nanoTime() < deadline) {
                sleep(100);
            }
            response.cancel(true);
            long lost = writes.stream().filter(w -> !w.eventType().equals(types.get(w.position()))).count();
            long expected = writes.size();
            long found = types.values().stream().filter(type -> Set.of("CommentPosted", "AmendmentProposed", "AmendmentSupported").contains(type)).count();
            return String.format(Locale.ROOT, "| writes in the SSE feed (`/api/consultations/{id}/feed?after=0`, by position) | %,d | %,d | **%d** | **%d** (positions twice) | **%d** |%n",
                    expected, found, lost, twice.get(), Math.max(0, found - (expected - lost)));
        }

        /** The read models against the fold of the event store: counts of each kind of event about the consultation. */
        private String eventStore(ReadModels readModels) {
            Map<String, Long> stored = new HashMap<>();
            Map<String, String> kinds = Map.of("org.concord.messages.comment.CommentPostedEvent", "comments",
                    "org.concord.messages.amendment.AmendmentProposedEvent", "amendments",
                    "org.concord.messages.amendment.AmendmentSupportedEvent", "supports");
            try (MongoClient client = MongoClients.create(options.mongodbUri())) {
                MongoDatabase database = client.getDatabase(new com.mongodb.ConnectionString(options.mongodbUri()).getDatabase());
                for (Document event : database.getCollection("events").find(Filters.in("payloadType", kinds.keySet()))) {
                    JsonNode payload = parse(new String(event.get("payload", Binary.class).getData(), java.nio.charset.StandardCharsets.UTF_8));
                    if (payload.path("consultationId").asText().equals(consultationId)) {
                        stored.merge(kinds.get(event.getString("payloadType")), 1L, Long::sum);
                    }
                }
            }
            long comments = readModels.comments().values().stream().mapToLong(Long::longValue).sum();
            long amendments = readModels.amendments().values().stream().mapToLong(Long::longValue).sum();
            long supports = readModels.supporters().values().stream().mapToLong(Long::longValue).sum();
            return String.format(Locale.ROOT, "%nRead models against the event store (events about the consultation): comments %,d / %,d events, "
                            + "amendments %,d / %,d, supports %,d / %,d: **%s**.%n", comments, stored.getOrDefault("comments", 0L),
                    amendments, stored.getOrDefault("amendments", 0L), supports, stored.getOrDefault("supports", 0L),
                    comments == stored.getOrDefault("comments", 0L) && amendments == stored.getOrDefault("amendments", 0L)
                            && supports == stored.getOrDefault("supports", 0L) ? "converged" : "DIFFERENT");
        }

        /** A rebuild of the read models from the events: the comments, amendments and supporters read after it equal those before. */
        private String replay(String consultation, ReadModels before) {
            long start = System.nanoTime();
            try {
                concord.post(concord.adminToken(), "/api/admin/replay", null);
            } catch (IllegalStateException refused) {
                // e.g. 409 while several query sides run: a rebuild needs a single one (docs/operations.md)
                return String.format(Locale.ROOT, "%n`POST /api/admin/replay`: not run: %s%n", refused.getMessage());
            }
            JsonNode status;
            do {
                sleep(1000);
                status = concord.get(concord.adminToken(), "/api/admin/replay");
            } while (!status.path("state").asText().equals("DONE") && !status.path("state").asText().equals("FAILED")
                    && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(10));
            ReadModels after = readModels(consultation);
            return String.format(Locale.ROOT, "%n`POST /api/admin/replay`: %s in %.1f s; comments, amendments and supporters after it %s.%n",
                    status.path("state").asText(), (System.nanoTime() - start) / 1e9,
                    after.equals(before) ? "**equal** those before" : "**differ** from those before");
        }
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

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
