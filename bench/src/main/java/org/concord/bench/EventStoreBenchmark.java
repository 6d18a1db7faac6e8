package org.concord.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.eventstore.SequencedMongoEventStorageEngine;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Concord's event storage engine against Axon's {@link MongoEventStorageEngine}, on the same embedded
 * mongo-java-server: append rate with commits of 1 and 10 events, and the rate of a tracking read
 * from an empty token with 10,000 and 100,000 events stored. Each figure uses a fresh database.
 */
final class EventStoreBenchmark {

    private static final int STREAM_READ = 10_000;
    private static final int FILL_COMMIT = 100;
    private static final int APPEND_ROUNDS = 5;
    private static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();

    record Options(List<String> backends, Duration axonReadBudget) {

        static Options parse(String[] args) {
            List<String> backends = List.of("h2", "memory");
            Duration budget = Duration.ofSeconds(30);
            for (String arg : args) {
                if (arg.startsWith("--backends=")) {
                    backends = List.of(arg.substring("--backends=".length()).split(","));
                } else if (arg.startsWith("--axon-read-budget-seconds=")) {
                    budget = Duration.ofSeconds(Long.parseLong(arg.substring("--axon-read-budget-seconds=".length())));
                } else {
                    throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            return new Options(backends, budget);
        }
    }

    private record Engine(String name, BiFunction<MongoClient, String, EventStorageEngine> create) {
    }

    private record StreamFigure(double eventsPerSecond, int eventsRead, boolean sampled) {
    }

    private record Figures(double append1, double append10, StreamFigure stream10k, StreamFigure stream100k) {
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
                engine.ensureIndexes();
                return engine;
            }));

    private final Options options;
    private int databases;

    EventStoreBenchmark(Options options) {
        this.options = options;
    }

    String run() throws Exception {
        StringBuilder report = new StringBuilder(machine());
        for (String backend : options.backends()) {
            Path file = Files.createTempFile("concord-bench-", ".mv");
            Files.delete(file);
            MongoBackend mongoBackend = switch (backend) {
                case "h2" -> new H2Backend(file.toString());
                case "memory" -> new MemoryBackend();
                default -> throw new IllegalArgumentException("unknown backend " + backend);
            };
            MongoServer server = new MongoServer(mongoBackend);
            server.bind("127.0.0.1", 0);
            InetSocketAddress address = server.getLocalAddress();
            Map<String, Figures> figures = new LinkedHashMap<>();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                for (Engine engine : ENGINES) {
                    warmUp(client, engine);
                }
                Map<String, double[]> appends = appendRates(client, backend);
                for (Engine engine : ENGINES) {
                    log("%s on %s", engine.name(), backend);
                    double[] append = appends.get(engine.name());
                    figures.put(engine.name(), new Figures(append[0], append[1],
                            filledStreamRate(client, engine, 10_000), filledStreamRate(client, engine, 100_000)));
                }
            } finally {
                server.shutdownNow();
                Files.deleteIfExists(file);
            }
            report.append(table(backend, figures));
        }
        return report.toString();
    }

    private void warmUp(MongoClient client, Engine engine) {
        log("warming up %s", engine.name());
        EventStorageEngine warm = engine.create().apply(client, freshDatabase());
        appendRate(warm, 300, 1);
        appendRate(warm, 100, 10);
        streamRate(warm, Duration.ofSeconds(10));
    }

    /**
     * Append rates, the median of {@value #APPEND_ROUNDS} rounds in which the engines take turns, so
     * that load from other processes on the machine falls on both alike.
     */
    private Map<String, double[]> appendRates(MongoClient client, String backend) {
        Map<String, List<Double>> single = new LinkedHashMap<>();
        Map<String, List<Double>> tens = new LinkedHashMap<>();
        for (int round = 0; round < APPEND_ROUNDS; round++) {
            for (Engine engine : ENGINES) {
                double append1 = appendRate(engine.create().apply(client, freshDatabase()), 2_000, 1);
                double append10 = appendRate(engine.create().apply(client, freshDatabase()), 500, 10);
                log("%s on %s, round %d: append %.0f events/s (1 per commit), %.0f events/s (10 per commit)",
                        engine.name(), backend, round + 1, append1, append10);
                single.computeIfAbsent(engine.name(), name -> new ArrayList<>()).add(append1);
                tens.computeIfAbsent(engine.name(), name -> new ArrayList<>()).add(append10);
            }
        }
        Map<String, double[]> medians = new LinkedHashMap<>();
        for (Engine engine : ENGINES) {
            medians.put(engine.name(), new double[]{median(single.get(engine.name())), median(tens.get(engine.name()))});
        }
        return medians;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private StreamFigure filledStreamRate(MongoClient client, Engine engine, int stored) {
        EventStorageEngine storage = engine.create().apply(client, freshDatabase());
        long start = System.nanoTime();
        for (int commit = 0; commit < stored / FILL_COMMIT; commit++) {
            storage.appendEvents(commit("fill-" + commit, 0, FILL_COMMIT));
        }
        log("  stored %,d events in %.1f s", stored, seconds(System.nanoTime() - start));
        Duration budget = engine.name().equals("Axon") ? options.axonReadBudget() : Duration.ofMinutes(10);
        StreamFigure figure = streamRate(storage, budget);
        log("  stream with %,d stored: %.0f events/s over %,d events", stored, figure.eventsPerSecond(), figure.eventsRead());
        return figure;
    }

    /** Commits to 100 aggregates in turn, each commit the next events of its aggregate. */
    private static double appendRate(EventStorageEngine storage, int commits, int eventsPerCommit) {
        long[] nextSequence = new long[100];
        String prefix = "append-" + System.nanoTime() + "-";
        long start = System.nanoTime();
        for (int commit = 0; commit < commits; commit++) {
            int aggregate = commit % nextSequence.length;
            storage.appendEvents(commit(prefix + aggregate, nextSequence[aggregate], eventsPerCommit));
            nextSequence[aggregate] += eventsPerCommit;
        }
        return (double) commits * eventsPerCommit / seconds(System.nanoTime() - start);
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

    private static List<EventMessage<?>> commit(String aggregate, long firstSequence, int size) {
        List<EventMessage<?>> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            long sequence = firstSequence + i;
            events.add(new GenericDomainEventMessage<>("BenchAggregate", aggregate, sequence,
                    new BenchEvent(aggregate, sequence, "a paragraph of the guideline was amended, version " + sequence)));
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

    private static String table(String backend, Map<String, Figures> figures) {
        Figures concord = figures.get("Concord");
        Figures axon = figures.get("Axon");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n### mongo-java-server, %s backend%n%n", backend));
        out.append("| Measure | Concord | Axon MongoEventStorageEngine | Concord / Axon |\n");
        out.append("|---|---:|---:|---:|\n");
        row(out, "Append, 1 event per commit (events/s)", concord.append1(), axon.append1(), "");
        row(out, "Append, 10 events per commit (events/s)", concord.append10(), axon.append10(), "");
        stream(out, "10,000", concord.stream10k(), axon.stream10k());
        stream(out, "100,000", concord.stream100k(), axon.stream100k());
        out.append(String.format(Locale.ROOT, "%nConcord's stream rate with 100,000 stored / with 10,000 stored: %.2f%n",
                concord.stream100k().eventsPerSecond() / concord.stream10k().eventsPerSecond()));
        return out.toString();
    }

    private static void stream(StringBuilder out, String stored, StreamFigure concord, StreamFigure axon) {
        row(out, "Stream from an empty token, " + stored + " stored (events/s)", concord.eventsPerSecond(),
                axon.eventsPerSecond(), note(concord) + " / " + note(axon));
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
}
