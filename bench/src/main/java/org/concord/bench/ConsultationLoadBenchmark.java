package org.concord.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Drives a running Concord through its gateway: loads one consultation with thousands of comments and
 * amendments, then times single commands on it and on a fresh consultation, so that the figures show
 * whether a command's cost grows with the consultation's history.
 */
final class ConsultationLoadBenchmark {

    private static final String[] TYPES = {"STATE", "INTERNATIONAL_ORGANISATION", "COMPANY", "NGO", "ACADEMIA"};

    private final Options options;
    private final GatewayClient gateway;

    ConsultationLoadBenchmark(Options options) {
        this.options = options;
        this.gateway = options.gateway();
    }

    /** What to run against, and how much to load. */
    record Options(GatewayClient gateway, int amendments, int comments, int samples, int threads) {

        static Options parse(String... args) throws IOException {
            Map<String, String> given = Bench.options(args);
            return new Options(GatewayClient.from(given),
                    Integer.parseInt(given.getOrDefault("amendments", "1000")),
                    Integer.parseInt(given.getOrDefault("comments", "5000")),
                    Integer.parseInt(given.getOrDefault("samples", "200")),
                    Integer.parseInt(given.getOrDefault("threads", "8")));
        }
    }

    String run() throws Exception {
        String drafter = gateway.register("Benchmark secretariat", "INTERNATIONAL_ORGANISATION", "DRAFTER");
        List<String> participants = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            participants.add(gateway.register("Delegation " + i + " " + Instant.now().toEpochMilli(), TYPES[i % TYPES.length], "PARTICIPANT"));
        }
        Consultation loaded = consultation(drafter, "Loaded consultation");
        Consultation fresh = consultation(drafter, "Fresh consultation");

        long loadStart = System.nanoTime();
        List<String> amendmentIds = parallel(options.amendments(), i ->
                gateway.post(participants.get(i % participants.size()), "/api/consultations/" + loaded.id + "/amendments",
                        amendment(loaded.provisionIds.get(i % loaded.provisionIds.size()), "Wording " + i)).get("amendmentId").asText());
        parallel(options.comments(), i -> gateway.post(participants.get(i % participants.size()),
                "/api/consultations/" + loaded.id + "/comments",
                Map.of("provisionId", loaded.provisionIds.get(i % loaded.provisionIds.size()), "body", "Comment " + i,
                        "attribution", i % 3 == 0 ? "CHATHAM_HOUSE" : "ATTRIBUTED")).get("commentId").asText());
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        String firstFreshAmendment = gateway.post(participants.get(0), "/api/consultations/" + fresh.id + "/amendments",
                amendment(fresh.provisionIds.get(0), "Fresh wording")).get("amendmentId").asText();

        StringBuilder out = new StringBuilder();
        out.append("Loaded ").append(options.amendments()).append(" amendments and ").append(options.comments())
                .append(" comments in ").append(String.format("%.1f", loadSeconds)).append(" s (")
                .append(String.format("%.0f", (options.amendments() + options.comments()) / loadSeconds))
                .append(" commands/s with ").append(options.threads()).append(" client threads).\n\n");
        out.append("| command, through the gateway | consultation | p50 ms | p95 ms | p99 ms |\n| --- | --- | --- | --- | --- |\n");
        for (Consultation target : List.of(fresh, loaded)) {
            String label = target == fresh ? "fresh" : options.amendments() + " amendments, " + options.comments() + " comments";
            String supported = target == fresh ? firstFreshAmendment : amendmentIds.get(0);
            row(out, "propose an amendment", label, i -> gateway.post(participants.get(1 + i % 40),
                    "/api/consultations/" + target.id + "/amendments", amendment(target.provisionIds.get(1), "Sample " + i)));
            row(out, "post a comment", label, i -> gateway.post(participants.get(1 + i % 40), "/api/consultations/" + target.id
                    + "/comments", Map.of("body", "Sample " + i, "attribution", "ATTRIBUTED")));
            AtomicInteger supporter = new AtomicInteger(1);
            row(out, "support an amendment", label, i -> gateway.post(participants.get(1 + supporter.getAndIncrement() % 49),
                    "/api/consultations/" + target.id + "/amendments/" + supported + "/support", null),
                    Math.min(options.samples(), 48));
        }
        return out.toString();
    }

    private interface Step {
        Object run(int i) throws Exception;
    }

    private void row(StringBuilder out, String command, String consultation, Step step) throws Exception {
        row(out, command, consultation, step, options.samples());
    }

    private void row(StringBuilder out, String command, String consultation, Step step, int samples) throws Exception {
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            step.run(i);
            nanos[i] = System.nanoTime() - start;
        }
        Latencies latencies = Latencies.of(nanos);
        out.append("| ").append(command).append(" | ").append(consultation).append(" | ")
                .append(Latencies.cell(latencies.ms(0.50))).append(" | ").append(Latencies.cell(latencies.ms(0.95)))
                .append(" | ").append(Latencies.cell(latencies.ms(0.99))).append(" |\n");
    }

    private <T> List<T> parallel(int count, IntFunction<Object> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> work.apply(n)));
            }
            List<T> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                @SuppressWarnings("unchecked") T result = (T) future.get();
                results.add(result);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private record Consultation(String id, List<String> provisionIds) {
    }

    private Consultation consultation(String drafter, String title) throws Exception {
        List<Map<String, String>> provisions = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            provisions.add(Map.of("label", Integer.toString(i), "text", "Provision " + i + " of the benchmark text."));
        }
        JsonNode created = gateway.post(drafter, "/api/consultations",
                Map.of("title", title, "summary", "Benchmark", "visibility", "PUBLIC", "provisions", provisions));
        String id = created.get("consultationId").asText();
        gateway.post(drafter, "/api/consultations/" + id + "/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString()));
        JsonNode detail = gateway.get("/api/consultations/" + id + "?minPosition=" + created.get("position").asLong());
        List<String> ids = new ArrayList<>();
        detail.get("provisions").forEach(p -> ids.add(p.get("provisionId").asText()));
        return new Consultation(id, ids);
    }

    private static Map<String, Object> amendment(String provisionId, String text) {
        return Map.of("kind", "REPLACE", "provisionId", provisionId, "baseVersion", 1, "text", text,
                "justification", "Benchmark " + ThreadLocalRandom.current().nextInt());
    }
}
