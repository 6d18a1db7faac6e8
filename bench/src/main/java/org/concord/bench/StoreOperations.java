package org.concord.bench;

import com.mongodb.client.MongoClient;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The operations the MongoDB server received in each phase of a benchmark, from every client: the difference of its
 * {@code serverStatus} {@code opcounters} (inserts, queries, updates, deletes, getMores, other commands) before and
 * after the phase. MongoDB counts a command once whatever the number of documents in it; so does the embedded default,
 * which keeps the same counters. A server that does not answer within seconds (a Concord whose MongoDB this machine
 * cannot reach) is not asked again, and the report says the operations were not counted.
 */
final class StoreOperations implements AutoCloseable {

    private static final List<String> KINDS = List.of("insert", "query", "update", "delete", "getmore", "command");

    private final MongoClient client;
    private final Map<String, Map<String, Long>> byPhase = new LinkedHashMap<>();
    private Map<String, Long> start;
    private String phase = "start";
    private boolean unreachable;

    StoreOperations(String mongodbUri) {
        this.client = StoreFill.quickClient(mongodbUri);
        this.start = counters();
    }

    /** Operations from now on are counted under {@code name}. */
    synchronized void phase(String name) {
        Map<String, Long> now = counters();
        if (!start.isEmpty() && !now.isEmpty()) {
            Map<String, Long> received = byPhase.computeIfAbsent(phase, p -> new LinkedHashMap<>());
            KINDS.forEach(kind -> received.merge(kind, now.get(kind) - start.get(kind), Long::sum));
        }
        start = now;
        phase = name;
    }

    /** The server's counters now; empty when it does not answer, or did not once. */
    private Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>();
        if (unreachable) {
            return counters;
        }
        try {
            Document opcounters = client.getDatabase("admin").runCommand(new Document("serverStatus", 1)).get("opcounters", Document.class);
            if (opcounters != null) {
                KINDS.forEach(kind -> counters.put(kind, ((Number) opcounters.getOrDefault(kind, 0L)).longValue()));
            }
        } catch (RuntimeException notAnswered) {
            unreachable = true;
        }
        return counters;
    }

    /** A Markdown table: one row per kind of operation, per phase the operations and, for phases with writes, per write. */
    synchronized String table(Map<String, Integer> writesByPhase) {
        phase("end");
        List<String> phases = new ArrayList<>(byPhase.keySet());
        phases.remove("start");
        if (phases.isEmpty()) {
            return "The MongoDB server did not answer serverStatus with opcounters: operations not counted.\n";
        }
        StringBuilder out = new StringBuilder("| operation | ");
        phases.forEach(name -> {
            out.append(name).append(" | ");
            if (writesByPhase.containsKey(name)) {
                out.append("per write, ").append(name).append(" | ");
            }
        });
        out.append("\n|---|");
        phases.forEach(name -> out.append(writesByPhase.containsKey(name) ? "---:|---:|" : "---:|"));
        out.append('\n');
        List<String> rows = new ArrayList<>(KINDS);
        rows.add("all");
        for (String kind : rows) {
            out.append("| ").append(kind).append(" | ");
            for (String name : phases) {
                Map<String, Long> received = byPhase.get(name);
                long count = kind.equals("all") ? received.values().stream().mapToLong(Long::longValue).sum() : received.get(kind);
                out.append(String.format(Locale.ROOT, "%,d", count)).append(" | ");
                if (writesByPhase.containsKey(name)) {
                    Integer writes = writesByPhase.get(name);
                    out.append(writes == null || writes == 0 ? "–" : String.format(Locale.ROOT, "%.1f", count / (double) writes)).append(" | ");
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
