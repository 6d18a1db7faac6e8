package org.concord.bench;


import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web workspace's forms under load (issue #16): delegates, each a browser of their own signed in to the
 * workspace, open a form, think, send it, and follow the 303 to the page it leads to, as a browser without
 * JavaScript does. Timed: from the form's POST sent to the last byte of the next page received. First one
 * delegate alone (the baseline), then {@code --delegates} at once, closed loop.
 */
final class WorkspaceFormsBenchmark {

    static final double TARGET_P99_MS = 300;
    private static final String[] TYPES = {"STATE", "COMPANY", "NGO", "ACADEMIA", "INTERNATIONAL_ORGANISATION"};
    private static final Pattern FORM_KEY = Pattern.compile("name=\"formKey\" value=\"([^\"]+)\"");

    record Options(int delegates, Duration duration, Duration warmUp, long thinkMillis, int provisions, int baselineSamples,
                   Map<String, String> given) {

        static Options parse(String... args) {
            Map<String, String> given = Bench.options(args);
            return new Options(Integer.parseInt(given.getOrDefault("delegates", "200")),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("duration-seconds", "60"))),
                    Duration.ofSeconds(Long.parseLong(given.getOrDefault("warm-up-seconds", "15"))),
                    Long.parseLong(given.getOrDefault("think-ms", "2000")),
                    Integer.parseInt(given.getOrDefault("provisions", "20")),
                    Integer.parseInt(given.getOrDefault("baseline-samples", "100")), given);
        }
    }

    private final Options options;
    private final GatewayClient concord;
    private final URI base;

    WorkspaceFormsBenchmark(Options options) throws Exception {
        this.options = options;
        this.concord = GatewayClient.from(options.given());
        this.base = URI.create(options.given().getOrDefault("gateway", "http://localhost:8080"));
    }

    /** One write through the workspace: the form read, then its POST and the page the 303 leads to. */
    private record Write(long formNanos, long postToPageNanos, boolean ok) {
    }

    String run() throws Exception {
        String suffix = Long.toString(Instant.now().toEpochMilli());
        String drafter = concord.register("Forms benchmark secretariat " + suffix, "INTERNATIONAL_ORGANISATION", "DRAFTER");
        List<String> provisions = new ArrayList<>();
        for (int i = 1; i <= options.provisions(); i++) {
            provisions.add(new GuidelineWording(new Random(i)).provision());
        }
        List<Map<String, String>> text = new ArrayList<>();
        for (int i = 0; i < provisions.size(); i++) {
            text.add(Map.of("label", Integer.toString(i + 1), "text", provisions.get(i)));
        }
        String consultationId = concord.post(drafter, "/api/consultations", Map.of("title", "Forms benchmark " + suffix,
                "visibility", "PUBLIC", "provisions", text), UUID.randomUUID().toString()).get("consultationId").asText();
        long opened = concord.post(drafter, "/api/consultations/" + consultationId + "/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString()), UUID.randomUUID().toString()).get("position").asLong();
        List<String> provisionIds = new ArrayList<>();
        concord.readAfter(drafter, "/api/consultations/" + consultationId, opened, Duration.ofSeconds(60))
                .get("provisions").forEach(p -> provisionIds.add(p.get("provisionId").asText()));

        List<WorkspaceBrowser> browsers = Collections.synchronizedList(new ArrayList<>());
        ExecutorService setup = Executors.newFixedThreadPool(8);
        try {
            List<Future<WorkspaceBrowser>> signedIn = new ArrayList<>();
            for (int i = 0; i < options.delegates(); i++) {
                int n = i;
                signedIn.add(setup.submit(() -> new WorkspaceBrowser(base).signIn(concord.register(
                        "Forms benchmark delegation " + n + " " + suffix, TYPES[n % TYPES.length], "PARTICIPANT"))));
            }
            for (Future<WorkspaceBrowser> browser : signedIn) {
                browsers.add(browser.get());
            }
        } finally {
            setup.shutdownNow();
        }
        log("workspace-forms: %d delegates signed in to the workspace, consultation %s open", browsers.size(), consultationId);

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n### Workspace forms under load%n%nConsultation %s (%d provisions) at %s. Each delegate is a "
                        + "browser of its own (HTTP/1.1, cookies, gzip, no JavaScript), signed in through the sign-in form. A write: GET the "
                        + "comment form of a random provision, think (uniform 0 to %d ms), POST it (CSRF token and form key as the page gave "
                        + "them), follow the 303 to the page it leads to (the provision's page), which must show the comment. Timed: from "
                        + "the POST sent to the last byte of that page received. "
                        + "Load average before: %s.%n%n", consultationId, provisionIds.size(), base, 2 * options.thinkMillis(),
                ReadModelsBenchmark.loadAverage()));
        out.append("| phase | delegates | writes timed | writes/s | form GET p50 ms | post→page p50 ms | p95 ms | p99 ms | max ms | failed | p99 / 300 ms | p99 / baseline p99 |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");

        log("workspace-forms: baseline, one delegate alone");
        WorkspaceBrowser alone = browsers.get(0);
        List<Write> baseline = new ArrayList<>();
        for (int i = 0; i < options.baselineSamples() + 10; i++) {
            Write write = write(alone, consultationId, provisionIds, 0);
            if (i >= 10) {
                baseline.add(write);
            }
        }
        double baselineP99 = row(out, "baseline", 1, baseline, Duration.ofSeconds(1), Double.NaN);

        log("workspace-forms: %d delegates for %d s after %d s of warm-up", browsers.size(), options.duration().toSeconds(), options.warmUp().toSeconds());
        List<Write> timed = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        long warmUpEnds = System.nanoTime() + options.warmUp().toNanos();
        long ends = warmUpEnds + options.duration().toNanos();
        ExecutorService load = Executors.newFixedThreadPool(browsers.size());
        try {
            for (WorkspaceBrowser browser : browsers) {
                load.submit(() -> {
                    while (System.nanoTime() < ends) {
                        try {
                            Write write = write(browser, consultationId, provisionIds, options.thinkMillis());
                            if (System.nanoTime() > warmUpEnds && System.nanoTime() < ends) {
                                timed.add(write);
                            }
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            log("workspace-forms: a write failed: %s", e.getMessage());
                        }
                    }
                });
            }
        } finally {
            load.shutdown();
            load.awaitTermination(options.duration().plus(options.warmUp()).toSeconds() + 120, TimeUnit.SECONDS);
        }
        List<Write> all = new ArrayList<>(timed);
        for (long i = 0; i < failures.get(); i++) {
            all.add(new Write(0, 0, false));
        }
        row(out, "load", browsers.size(), all, options.duration(), baselineP99);
        out.append(String.format(Locale.ROOT, "%nLoad average after: %s. A failed write is one whose POST did not answer 303 or whose next "
                + "page did not answer 200 or did not show the comment, or that threw.%n", ReadModelsBenchmark.loadAverage()));
        return out.toString();
    }

    private Write write(WorkspaceBrowser browser, String consultationId, List<String> provisionIds, long thinkMillis) {
        String provisionId = provisionIds.get(ThreadLocalRandom.current().nextInt(provisionIds.size()));
        String formPath = "/consultations/" + consultationId + "/comments/new?provisionId=" + provisionId;
        long formStart = System.nanoTime();
        String form = browser.page(WorkspaceBrowser.ok(browser.get(formPath), formPath));
        long formNanos = System.nanoTime() - formStart;
        Matcher key = FORM_KEY.matcher(form);
        if (!key.find()) {
            throw new IllegalStateException("The comment form carries no form key");
        }
        if (thinkMillis > 0) {
            Bench.sleep(ThreadLocalRandom.current().nextLong(2 * thinkMillis + 1));
        }
        String mark = UUID.randomUUID().toString();
        long start = System.nanoTime();
        HttpResponse<byte[]> posted = browser.post("/consultations/" + consultationId + "/comments", Map.of("formKey", key.group(1),
                "provisionId", provisionId, "attribution", "ATTRIBUTED",
                "body", "On this provision, our delegation asks for a clearer scope. " + mark));
        String location = posted.headers().firstValue("Location").orElse(null);
        if (posted.statusCode() != 303 || location == null) {
            return new Write(formNanos, System.nanoTime() - start, false);
        }
        String next = URI.create(location).getRawPath();
        HttpResponse<byte[]> page = browser.get(next);
        String shown = new String(WorkspaceBrowser.decoded(page), StandardCharsets.UTF_8);
        long elapsed = System.nanoTime() - start;
        // read-your-writes: the page the form leads to shows the comment just posted, or the write failed
        return new Write(formNanos, elapsed, page.statusCode() == 200 && shown.contains(mark));
    }

    /** Appends the phase's row; answers its p99 of the successful writes, in ms. */
    private static double row(StringBuilder out, String phase, int delegates, List<Write> writes, Duration duration, double baselineP99) {
        List<Write> ok = writes.stream().filter(Write::ok).toList();
        long failed = writes.size() - ok.size();
        if (ok.isEmpty()) {
            out.append(String.format(Locale.ROOT, "| %s | %d | 0 | | | | | | | %d | | |%n", phase, delegates, failed));
            return Double.NaN;
        }
        Latencies forms = Latencies.of(ok.stream().mapToLong(Write::formNanos).toArray());
        Latencies latencies = Latencies.of(ok.stream().mapToLong(Write::postToPageNanos).toArray());
        double p99 = latencies.ms(0.99);
        out.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %d | %.2f | %s |%n", phase, delegates, ok.size(),
                phase.equals("baseline") ? "" : String.format(Locale.ROOT, "%.1f", ok.size() / (double) duration.toSeconds()),
                Latencies.cell(forms.ms(0.50)), Latencies.cell(latencies.ms(0.50)), Latencies.cell(latencies.ms(0.95)), Latencies.cell(p99),
                Latencies.cell(latencies.maxMs()), failed, p99 / TARGET_P99_MS,
                Double.isNaN(baselineP99) ? "1.00" : String.format(Locale.ROOT, "%.2f", p99 / baselineP99)));
        return p99;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
