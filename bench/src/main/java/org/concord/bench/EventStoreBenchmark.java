package org.concord.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.concord.embedded.ConcordH2Backend;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.eventstore.SequencedMongoEventStorageEngine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Concord's event storage engine against Axon's {@link MongoEventStorageEngine}, on embedded
 * mongo-java-servers in this JVM: append rate with commits of 1 and 10 events, and the rate of a tracking read
 * from an empty token with 10,000 and 100,000 events stored. Every append round uses fresh databases;
 * every store read for the stream rate is on a server of its own.
 * <p>
 * Appends are measured in rounds. In a round both engines append to fresh databases in turns of
 * {@value #SLICE_EVENTS} events, so that load from other processes on the machine, the JIT, the
 * garbage collector and the growing H2 file fall on both alike; the engine that takes the first turn
 * alternates from round to round. The first rounds warm up and are discarded.
 */
final class EventStoreBenchmark {

    private static final int STREAM_READ = 10_000;
    private static final int STREAM_READS = 3;
    private static final int FILL_COMMIT = 100;
    private static final int SLICE_EVENTS = 100;
    private static final int AGGREGATES = 100;
    private static final List<AppendLoad> APPEND_LOADS = List.of(new AppendLoad(1, 2_000), new AppendLoad(10, 500));
    private static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();

    record Options(List<String> backends, Duration axonReadBudget, int warmUpRounds, int appendRounds, boolean streams,
                   boolean randomIdentifiers) {

        static Options parse(String[] args) {
            List<String> backends = List.of("h2", "memory");
            Duration budget = Duration.ofSeconds(30);
            int warmUpRounds = 2;
            int appendRounds = 9;
            boolean streams = true;
            boolean randomIdentifiers = false;
            for (String arg : args) {
                if (arg.startsWith("--backends=")) {
                    backends = List.of(arg.substring("--backends=".length()).split(","));
                } else if (arg.startsWith("--axon-read-budget-seconds=")) {
                    budget = Duration.ofSeconds(Long.parseLong(arg.substring("--axon-read-budget-seconds=".length())));
                } else if (arg.startsWith("--warm-up-rounds=")) {
                    warmUpRounds = Integer.parseInt(arg.substring("--warm-up-rounds=".length()));
                } else if (arg.startsWith("--append-rounds=")) {
                    appendRounds = Integer.parseInt(arg.substring("--append-rounds=".length()));
                } else if (arg.equals("--append-only")) {
                    streams = false;
                } else if (arg.equals("--random-identifiers")) {
                    randomIdentifiers = true;
                } else {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            if (appendRounds < 1 || warmUpRounds < 0) {
                throw new IllegalArgumentException("at least one append round, and no negative warm-up");
            }
            return new Options(backends, budget, warmUpRounds, appendRounds, streams, randomIdentifiers);
        }
    }

    private record Engine(String name, BiFunction<MongoClient, String, EventStorageEngine> create) {
    }

    private record StreamFigure(double eventsPerSecond, int eventsRead, boolean sampled) {
    }

    /** {@code commits} commits of {@code eventsPerCommit} events per engine and round, round-robin over the aggregates. */
    private record AppendLoad(int eventsPerCommit, int commits) {

        int commitsPerTurn() {
            return Math.max(1, SLICE_EVENTS / eventsPerCommit);
        }
    }

    /** Each engine's rate in every measured round, in round order. */
    private record AppendFigures(Map<String, List<Double>> rates) {

        double median(String engine) {
            return EventStoreBenchmark.median(rates.get(engine));
        }

        List<Double> ratios() {
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rates.get("Concord").size(); round++) {
                ratios.add(rates.get("Concord").get(round) / rates.get("Axon").get(round));
            }
            return ratios;
        }
    }

    private record StreamFigures(StreamFigure stream10k, StreamFigure stream100k) {
    }

    private static final List<Engine> ENGINES = List.of(
            new Engine("Concord", (client, database) -> SequencedMongoEventStorageEngine.builder()
                    .database(client.getDatabase(database))
                    .eventSerializer(SERIALIZER)
                    .snapshotSerializer(SERIALIZER)
                    .build()),
            new Engine("Axon", (client, database) -> {
                MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                        .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, database).build())
                        .eventSerializer(SERIALIZER)
                        .snapshotSerializer(SERIALIZER)
                        .build();
                createIndexes(engine);
                return engine;
            }));
    private static final List<Engine> ENGINES_REVERSED = List.of(ENGINES.get(1), ENGINES.get(0));

    private final Options options;
    private final Supplier<String> identifiers;
    private int databases;

    EventStoreBenchmark(Options options) {
        this.options = options;
        this.identifiers = options.randomIdentifiers()
                ? () -> UUID.randomUUID().toString()
                : IdentifierFactory.getInstance()::generateIdentifier;
    }

    String run() throws Exception {
        StringBuilder report = new StringBuilder(machine());
        report.append(options.randomIdentifiers()
                ? "Event identifiers: random UUIDs (--random-identifiers, Axon's default)\n"
                : "Event identifiers: from " + IdentifierFactory.getInstance().getClass().getSimpleName() + ", as in every Concord service\n");
        for (String backend : options.backends()) {
            Map<AppendLoad, AppendFigures> appends = new LinkedHashMap<>();
            try (EmbeddedServer server = EmbeddedServer.start(backend)) {
                for (AppendLoad load : APPEND_LOADS) {
                    appends.put(load, appendRates(server.client(), backend, load));
                }
            }
            Map<String, StreamFigures> streams = new LinkedHashMap<>();
            if (options.streams()) {
                for (Engine engine : ENGINES) {
                    log("%s on %s: stream", engine.name(), backend);
                    streams.put(engine.name(), streamRates(backend, engine));
                }
            }
            report.append(table(backend, appends, streams));
        }
        return report.toString();
    }

    /**
     * A mongo-java-server in this JVM on a backend of its own, and a client of it: {@code h2}, the embedded default's
     * (Concord's H2 backend on a fresh temp file); {@code h2-plain}, mongo-java-server's H2 backend as it comes;
     * {@code memory}.
     */
    record EmbeddedServer(MongoServer server, Path file, MongoClient client) implements AutoCloseable {

        static EmbeddedServer start(String backend) throws IOException {
            Path file = Files.createTempFile("concord-bench-", ".mv");
            Files.delete(file);
            MongoBackend mongoBackend = switch (backend) {
                case "h2" -> new ConcordH2Backend(file.toString());
                case "h2-plain" -> new H2Backend(file.toString());
                case "memory" -> new MemoryBackend();
                default -> throw new IllegalArgumentException("unknown backend " + backend);
            };
            MongoServer server = new MongoServer(mongoBackend);
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            return new EmbeddedServer(server, file, MongoClients.create("mongodb://127.0.0.1:" + address.getPort()));
        }

        @Override
        public void close() throws IOException {
            client.close();
            server.shutdownNow();
            Files.deleteIfExists(file);
        }
    }

    /**
     * The engines' append rates over {@link Options#appendRounds()} rounds after
     * {@link Options#warmUpRounds()} discarded ones.
     */
    private AppendFigures appendRates(MongoClient client, String backend, AppendLoad load) {
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        ENGINES.forEach(engine -> rates.put(engine.name(), new ArrayList<>()));
        int rounds = options.warmUpRounds() + options.appendRounds();
        for (int round = 0; round < rounds; round++) {
            boolean warmUp = round < options.warmUpRounds();
            boolean concordFirst = Math.floorMod(round - options.warmUpRounds(), 2) == 0;
            Map<String, Double> roundRates = appendRound(client, load, concordFirst ? ENGINES : ENGINES_REVERSED);
            log("%s, %d per commit, %s %d: Concord %.0f events/s, Axon %.0f events/s", backend, load.eventsPerCommit(),
                    warmUp ? "warm-up round" : "round", warmUp ? round + 1 : round - options.warmUpRounds() + 1,
                    roundRates.get("Concord"), roundRates.get("Axon"));
            if (!warmUp) {
                roundRates.forEach((engine, rate) -> rates.get(engine).add(rate));
            }
        }
        return new AppendFigures(rates);
    }

    /** Both engines append to fresh databases, taking turns of {@value #SLICE_EVENTS} events, {@code order.get(0)} first. */
    private Map<String, Double> appendRound(MongoClient client, AppendLoad load, List<Engine> order) {
        List<Appender> appenders = new ArrayList<>();
        for (Engine engine : order) {
            appenders.add(new Appender(engine.name(), engine.create().apply(client, freshDatabase()), load.eventsPerCommit()));
        }
        for (int done = 0; done < load.commits(); done += load.commitsPerTurn()) {
            for (Appender appender : appenders) {
                appender.append(Math.min(load.commitsPerTurn(), load.commits() - done));
            }
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        appenders.forEach(appender -> rates.put(appender.name, appender.eventsPerSecond()));
        return rates;
    }

    /** Commits to {@value #AGGREGATES} aggregates in turn, each commit the next events of its aggregate; times only the appends. */
    private final class Appender {

        private final String name;
        private final EventStorageEngine storage;
        private final int eventsPerCommit;
        private final long[] nextSequence = new long[AGGREGATES];
        private final String prefix = "append-" + System.nanoTime() + "-";
        private int commits;
        private long nanos;

        Appender(String name, EventStorageEngine storage, int eventsPerCommit) {
            this.name = name;
            this.storage = storage;
            this.eventsPerCommit = eventsPerCommit;
        }

        void append(int count) {
            List<List<EventMessage<?>>> batch = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int aggregate = (commits + i) % AGGREGATES;
                batch.add(commit(prefix + aggregate, nextSequence[aggregate], eventsPerCommit));
                nextSequence[aggregate] += eventsPerCommit;
            }
            long start = System.nanoTime();
            for (List<EventMessage<?>> events : batch) {
                storage.appendEvents(events);
            }
            nanos += System.nanoTime() - start;
            commits += count;
        }

        double eventsPerSecond() {
            return (double) commits * eventsPerCommit / seconds(nanos);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * Fills a store of 10,000 and one of 100,000 events, each on a server of its own (so that neither
     * the append rounds' databases nor the other store compete for the backend's page cache), then
     * reads each from an empty token, taking turns between the two stores so that load from elsewhere
     * falls on both: a discarded turn, then {@value #STREAM_READS} whose median read is reported.
     * Axon's engine reads each store once, as a read takes its whole time budget. Filling and reading
     * a small store first warms both engines up.
     */
    private StreamFigures streamRates(String backend, Engine engine) throws IOException {
        try (EmbeddedServer warmUp = EmbeddedServer.start(backend)) {
            EventStorageEngine storage = engine.create().apply(warmUp.client(), freshDatabase());
            fill(storage, 10 * FILL_COMMIT);
            streamRate(storage, Duration.ofSeconds(10));
        }
        List<Integer> sizes = List.of(10_000, 100_000);
        Map<Integer, EmbeddedServer> servers = new LinkedHashMap<>();
        try {
            Map<Integer, EventStorageEngine> stores = new LinkedHashMap<>();
            for (int stored : sizes) {
                servers.put(stored, EmbeddedServer.start(backend));
                EventStorageEngine storage = engine.create().apply(servers.get(stored).client(), freshDatabase());
                long start = System.nanoTime();
                fill(storage, stored);
                log("  stored %,d events in %.1f s", stored, seconds(System.nanoTime() - start));
                stores.put(stored, storage);
            }
            boolean axon = engine.name().equals("Axon");
            Duration budget = axon ? options.axonReadBudget() : Duration.ofMinutes(10);
            Map<Integer, List<StreamFigure>> reads = new LinkedHashMap<>();
            int turns = axon ? 1 : 1 + STREAM_READS;
            for (int turn = 0; turn < turns; turn++) {
                boolean warmUp = turns > 1 && turn == 0;
                for (int stored : sizes) {
                    StreamFigure figure = streamRate(stores.get(stored), budget);
                    log("  stream with %,d stored%s: %.0f events/s over %,d events", stored, warmUp ? " (warm-up)" : "",
                            figure.eventsPerSecond(), figure.eventsRead());
                    if (!warmUp) {
                        reads.computeIfAbsent(stored, size -> new ArrayList<>()).add(figure);
                    }
                }
            }
            return new StreamFigures(medianRead(reads.get(10_000)), medianRead(reads.get(100_000)));
        } finally {
            for (EmbeddedServer server : servers.values()) {
                server.close();
            }
        }
    }

    private static StreamFigure medianRead(List<StreamFigure> reads) {
        List<StreamFigure> sorted = reads.stream().sorted(Comparator.comparingDouble(StreamFigure::eventsPerSecond)).toList();
        return sorted.get(sorted.size() / 2);
    }

    private void fill(EventStorageEngine storage, int events) {
        for (int commit = 0; commit < events / FILL_COMMIT; commit++) {
            storage.appendEvents(commit("fill-" + commit, 0, FILL_COMMIT));
        }
    }

    /** Reads from an empty token, deserializing every payload, until 10,000 events or the budget. */
    private static StreamFigure streamRate(EventStorageEngine storage, Duration budget) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int read = 0;
        boolean sampled = false;
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            while (read < STREAM_READ && events.hasNext()) {
                events.next().getPayload();
                read++;
                if (System.nanoTime() > deadline) {
                    sampled = read < STREAM_READ;
                    break;
                }
            }
        }
        return new StreamFigure(read / seconds(System.nanoTime() - start), read, sampled);
    }

    private List<EventMessage<?>> commit(String aggregate, long firstSequence, int size) {
        List<EventMessage<?>> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long sequence = firstSequence + i;
            events.add(new GenericDomainEventMessage<>("BenchAggregate", aggregate, sequence,
                    new BenchEvent(aggregate, sequence, "a paragraph of the guideline was amended, version " + sequence),
                    MetaData.emptyInstance(), identifiers.get(), Instant.now()));
        }
        return events;
    }

    private String freshDatabase() {
        return "bench_" + databases++;
    }

    private static String machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return String.format(Locale.ROOT, "Machine: %d cores, %.0f GiB RAM, JDK %s (%s), max heap %.1f GiB%n",
                Runtime.getRuntime().availableProcessors(), memory / (double) (1L << 30),
                System.getProperty("java.version"), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30));
    }

    private String table(String backend, Map<AppendLoad, AppendFigures> appends, Map<String, StreamFigures> streams) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n### mongo-java-server, %s backend%n%n", backend));
        out.append("| Measure | Concord | Axon MongoEventStorageEngine | Concord / Axon |\n");
        out.append("|---|---:|---:|---:|\n");
        appends.forEach((load, figures) -> {
            List<Double> ratios = figures.ratios();
            out.append(String.format(Locale.ROOT, "| Append, %d per commit (events/s, each engine's median of %d rounds) | %,.0f | %,.0f"
                            + " | %.2fx (median of the rounds' ratios; %.2fx to %.2fx) |%n",
                    load.eventsPerCommit(), options.appendRounds(), figures.median("Concord"), figures.median("Axon"),
                    median(ratios), ratios.stream().min(Double::compare).orElseThrow(), ratios.stream().max(Double::compare).orElseThrow()));
        });
        if (!streams.isEmpty()) {
            StreamFigures concord = streams.get("Concord");
            StreamFigures axon = streams.get("Axon");
            stream(out, "10,000", concord.stream10k(), axon.stream10k());
            stream(out, "100,000", concord.stream100k(), axon.stream100k());
            out.append(String.format(Locale.ROOT, "%nConcord's stream rate with 100,000 stored / with 10,000 stored: %.2f%n",
                    concord.stream100k().eventsPerSecond() / concord.stream10k().eventsPerSecond()));
        }
        out.append("\nThe engines ran interleaved within each round, so the ratio is taken per round;"
                + " a ratio of the two medians would compare different rounds.\n");
        out.append(String.format(Locale.ROOT, "%nAppend rounds (events/s, Concord / Axon = ratio; %d warm-up rounds discarded;"
                + " Concord took the first turn in rounds 1, 3, 5, ...):%n", options.warmUpRounds()));
        appends.forEach((load, figures) -> {
            List<String> rounds = new ArrayList<>();
            List<Double> ratios = figures.ratios();
            for (int round = 0; round < ratios.size(); round++) {
                rounds.add(String.format(Locale.ROOT, "%,.0f / %,.0f = %.2f", figures.rates().get("Concord").get(round),
                        figures.rates().get("Axon").get(round), ratios.get(round)));
            }
            out.append(String.format(Locale.ROOT, "- %d per commit: %s%n", load.eventsPerCommit(), String.join("; ", rounds)));
        });
        return out.toString();
    }

    private static void stream(StringBuilder out, String stored, StreamFigure concord, StreamFigure axon) {
        row(out, "Stream from an empty token, " + stored + " stored (events/s; Concord: median of " + STREAM_READS + " reads)",
                concord.eventsPerSecond(), axon.eventsPerSecond(), note(concord) + " / " + note(axon));
    }

    private static String note(StreamFigure figure) {
        return String.format(Locale.ROOT, "%,d read%s", figure.eventsRead(), figure.sampled() ? ", time-capped sample" : "");
    }

    private static void row(StringBuilder out, String measure, double concord, double axon, String note) {
        out.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2fx%s |%n", measure, concord, axon, concord / axon,
                note.isEmpty() ? "" : " (" + note + ")"));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }

    /** Axon's engine as Axon ships it, indexes and all: its deprecated method is still the way to create them. */
    @SuppressWarnings("deprecation")
    private static void createIndexes(MongoEventStorageEngine engine) {
        engine.ensureIndexes();
    }
}
