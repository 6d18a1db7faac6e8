package org.concord.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.concord.eventstore.SafeEventLog;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentSupportedEvent;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.consultation.ConsultationEvent;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * After deadline day's load: every acknowledged write is in the read models and in the feed exactly once,
 * and nothing refused is there; with faults, the read models also equal the fold of the event store (read
 * through its {@link SafeEventLog} port) and a rebuild gives them back unchanged.
 */
final class DeadlineDayChecks {

    private static final Map<Class<?>, String> KINDS_STORED = Map.of(CommentPostedEvent.class, "comments",
            AmendmentProposedEvent.class, "amendments", AmendmentSupportedEvent.class, "supports");

    private final DeadlineDayBenchmark.Options options;
    private final GatewayClient concord;
    private final HttpClient http;
    private final String consultationId;
    private final List<DeadlineDayLoad.Write> writes;
    private final List<String> refused;
    private final long highest;

    DeadlineDayChecks(DeadlineDayBenchmark.Options options, HttpClient http, String consultationId,
                      List<DeadlineDayLoad.Write> writes, List<String> refused) {
        this.options = options;
        this.concord = options.concord();
        this.http = http;
        this.consultationId = consultationId;
        this.writes = writes;
        this.refused = refused;
        this.highest = writes.stream().mapToLong(DeadlineDayLoad.Write::position).max().orElse(0);
    }

    /** The checks' table and verdicts, as Markdown. */
    String run() throws Exception {
        StringBuilder out = new StringBuilder("### Checks\n\n| check | expected | found | lost | duplicated | not acknowledged but present |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        String consultation = "/api/consultations/" + consultationId;
        ReadModels before = readModels(consultation);
        check(out, "comments in the read model", keysOf("comment"), before.comments());
        check(out, "amendments in the read model", keysOf("amendment"), before.amendments());
        Map<String, Long> supports = writes.stream().filter(w -> w.kind().equals("support"))
                .collect(Collectors.groupingBy(DeadlineDayLoad.Write::target, Collectors.counting()));
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
        return writes.stream().filter(w -> w.kind().equals(kind)).collect(Collectors.toMap(DeadlineDayLoad.Write::key, w -> 1L));
    }

    private static void check(StringBuilder out, String what, Map<String, Long> expected, Map<String, Long> found) {
        long lost = expected.keySet().stream().filter(key -> !found.containsKey(key)).count();
        long duplicated = found.values().stream().filter(count -> count > 1).mapToLong(count -> count - 1).sum();
        long unexpected = found.keySet().stream().filter(key -> !expected.containsKey(key)).count();
        out.append(String.format(Locale.ROOT, "| %s | %,d | %,d | **%d** | **%d** | **%d** |%n", what, expected.size(),
                found.values().stream().mapToLong(Long::longValue).sum(), lost, duplicated, unexpected));
    }

    /** What the read models hold: comments and amendments by the write's key (in their text), supporters by amendment. */
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
    private String feed() {
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
                    if (line.isEmpty()) {
                        // an event ends at a blank line: one without an id (the log's checkpoints) has no position
                        current[0] = -1;
                    } else if (line.startsWith("id:")) {
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
            Bench.sleep(100);
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
        Map<String, Long> stored = storedEvents();
        long comments = readModels.comments().values().stream().mapToLong(Long::longValue).sum();
        long amendments = readModels.amendments().values().stream().mapToLong(Long::longValue).sum();
        long supports = readModels.supporters().values().stream().mapToLong(Long::longValue).sum();
        return String.format(Locale.ROOT, "%nRead models against the event store (events about the consultation): comments %,d / %,d events, "
                        + "amendments %,d / %,d, supports %,d / %,d: **%s**.%n", comments, stored.getOrDefault("comments", 0L),
                amendments, stored.getOrDefault("amendments", 0L), supports, stored.getOrDefault("supports", 0L),
                comments == stored.getOrDefault("comments", 0L) && amendments == stored.getOrDefault("amendments", 0L)
                        && supports == stored.getOrDefault("supports", 0L) ? "converged" : "DIFFERENT");
    }

    /** Comments, amendments and supports about the consultation in the event log, up to its safe position. */
    private Map<String, Long> storedEvents() {
        Map<String, Long> stored = new HashMap<>();
        try (MongoClient client = MongoClients.create(options.mongodbUri())) {
            SafeEventLog log = SafeEventLog.reading(client.getDatabase(new ConnectionString(options.mongodbUri()).getDatabase()));
            long after = 0;
            long safe = log.safePosition();
            while (after < safe) {
                SafeEventLog.SafeEvents page = log.readSafeEvents(after, 1000);
                for (TrackedEventMessage<?> event : page.events()) {
                    if (event.getPayload() instanceof ConsultationEvent about && about.consultationId().equals(consultationId)
                            && KINDS_STORED.containsKey(about.getClass())) {
                        stored.merge(KINDS_STORED.get(about.getClass()), 1L, Long::sum);
                    }
                }
                after = page.lastPosition();
            }
        }
        return stored;
    }

    /** A rebuild of the read models from the events: the comments, amendments and supporters read after it equal those before. */
    private String replay(String consultation, ReadModels before) {
        long start = System.nanoTime();
        try {
            concord.post(concord.adminToken(), "/api/admin/replay", null);
        } catch (IllegalStateException notRun) {
            // e.g. 409 while several query sides run: a rebuild needs a single one (docs/operations.md)
            return String.format(Locale.ROOT, "%n`POST /api/admin/replay`: not run: %s%n", notRun.getMessage());
        }
        JsonNode status;
        do {
            Bench.sleep(1000);
            status = concord.get(concord.adminToken(), "/api/admin/replay");
        } while (!status.path("state").asText().equals("DONE") && !status.path("state").asText().equals("FAILED")
                && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(10));
        ReadModels after = readModels(consultation);
        return String.format(Locale.ROOT, "%n`POST /api/admin/replay`: %s in %.1f s; comments, amendments and supporters after it %s.%n",
                status.path("state").asText(), (System.nanoTime() - start) / 1e9,
                after.equals(before) ? "**equal** those before" : "**differ** from those before");
    }
}
