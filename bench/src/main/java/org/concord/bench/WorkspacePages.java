package org.concord.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the web workspace's pages of one consultation as a browser fetches them: {@code GET} of the page
 * with {@code Accept-Encoding: gzip}, from request sent to the last (compressed) byte received, one
 * after another, anonymous and then, given a token, signed in. Also weighs each page as a browser
 * transfers it: its HTML and the CSS and JavaScript it references, compressed.
 */
final class WorkspacePages {

    /** The consultation's pages (web-ui's ConsultationNav), by name: the path after {@code /consultations/{id}}. */
    static final Map<String, String> PAGES = pages();
    /** What a page should stay under: p99 in ms (none for pages without a target), and transferred bytes. */
    private static final Map<String, Double> TARGET_P99_MS = Map.of("text", 150.0, "provenance", 300.0);
    private static final long TARGET_TRANSFER_BYTES = 150_000;
    private static final Pattern STYLESHEET = Pattern.compile("<link\\b[^>]*\\brel=\"stylesheet\"[^>]*>");
    private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*\\bsrc=\"[^\"]+\"[^>]*>");
    private static final Pattern HREF = Pattern.compile("\\b(?:href|src)=\"([^\"]+)\"");

    private final URI base;
    private final int warmUp;
    private final int samples;

    /**
     * @param base    where the pages are served: the gateway's public port, or web-ui itself
     * @param warmUp  untimed requests of each page first
     * @param samples timed requests of each page
     */
    WorkspacePages(URI base, int warmUp, int samples) {
        this.base = base;
        this.warmUp = warmUp;
        this.samples = samples;
    }

    private static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("text", "");
        pages.put("history", "/history");
        pages.put("provenance", "/provenance");
        pages.put("timeline", "/timeline");
        pages.put("dispositions", "/dispositions");
        pages.put("participation", "/participation");
        return pages;
    }

    /** The Markdown section: one table of times and one of weights, each with a row per page and visitor. */
    String run(String consultationId, List<String> names, String token) {
        List<String> unknown = names.stream().filter(name -> !PAGES.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown pages " + unknown + "; known: " + PAGES.keySet());
        }
        StringBuilder times = new StringBuilder("| page | visitor | p50 ms | p95 ms | p99 ms | max ms | p99 target | p99 / target |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder weights = new StringBuilder("| page | visitor | HTML gzip kB | HTML kB | CSS+JS gzip kB | total gzip kB | total / 150 kB |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n");
        String loadBefore = ReadModelsBenchmark.loadAverage();
        List<Visitor> visitors = new ArrayList<>();
        visitors.add(new Visitor("anonymous", new WorkspaceBrowser(base)));
        if (token != null) {
            visitors.add(new Visitor("signed in", new WorkspaceBrowser(base).signIn(token)));
        }
        Map<String, Long> assets = new LinkedHashMap<>();
        for (Visitor visitor : visitors) {
            for (String name : names) {
                String path = "/consultations/" + consultationId + PAGES.get(name);
                HttpResponse<byte[]> probe = visitor.browser().get(path);
                if (probe.statusCode() != 200) {
                    String row = String.format(Locale.ROOT, "| %s | %s | answered %d: not timed |%n", name, visitor.name(), probe.statusCode());
                    times.append(row);
                    weights.append(row);
                    log("%s, %s: %s answered %d, not timed", name, visitor.name(), path, probe.statusCode());
                    continue;
                }
                log("timing the %s page, %s", name, visitor.name());
                for (int i = 0; i < warmUp; i++) {
                    WorkspaceBrowser.ok(visitor.browser().get(path), path);
                }
                long[] nanos = new long[samples];
                for (int i = 0; i < samples; i++) {
                    long start = System.nanoTime();
                    WorkspaceBrowser.ok(visitor.browser().get(path), path);
                    nanos[i] = System.nanoTime() - start;
                }
                Latencies latencies = Latencies.of(nanos);
                Double target = TARGET_P99_MS.get(name);
                times.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", name, visitor.name(),
                        Latencies.cell(latencies.ms(0.50)), Latencies.cell(latencies.ms(0.95)), Latencies.cell(latencies.ms(0.99)),
                        Latencies.cell(latencies.maxMs()), target == null ? "" : String.format(Locale.ROOT, "< %.0f ms", target),
                        target == null ? "" : String.format(Locale.ROOT, "%.2f", latencies.ms(0.99) / target)));

                byte[] html = WorkspaceBrowser.decoded(probe);
                long assetBytes = 0;
                for (String asset : assets(new String(html, StandardCharsets.UTF_8))) {
                    assetBytes += assets.computeIfAbsent(asset, href -> (long) WorkspaceBrowser.ok(visitor.browser().get(href), href).body().length);
                }
                long total = probe.body().length + assetBytes;
                weights.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.2f |%n", name, visitor.name(),
                        probe.body().length / 1e3, html.length / 1e3, assetBytes / 1e3, total / 1e3, total / (double) TARGET_TRANSFER_BYTES));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n### Workspace pages%n%nPages of consultation %s at %s, fetched as a browser does "
                        + "(`Accept-Encoding: gzip`, HTTP/1.1, one request after another), %d warm-up requests then %d timed ones "
                        + "each; times from request sent to the last compressed byte received. Load average before timing: %s; "
                        + "after: %s.%n%n", consultationId, base, warmUp, samples, loadBefore, ReadModelsBenchmark.loadAverage()));
        out.append(times);
        out.append("\nWeight of each page as transferred (kB = 1,000 bytes): its HTML, compressed as sent and decompressed, "
                + "and the stylesheets and scripts it references, compressed (the first visit; afterwards the browser's cache holds them). "
                + "Assets: ").append(assets.isEmpty() ? "none" : String.join(", ", assets.keySet())).append(".\n\n");
        out.append(weights);
        return out.toString();
    }

    /** A browser's view of a visitor: a name for the report and a client keeping its cookies. */
    private record Visitor(String name, WorkspaceBrowser browser) {
    }

    /** The stylesheets and scripts an HTML page references, as paths of the same site (others are left out). */
    static Set<String> assets(String html) {
        Set<String> found = new LinkedHashSet<>();
        for (Pattern tag : List.of(STYLESHEET, SCRIPT)) {
            Matcher tags = tag.matcher(html);
            while (tags.find()) {
                Matcher href = HREF.matcher(tags.group());
                if (href.find() && href.group(1).startsWith("/") && !href.group(1).startsWith("//")) {
                    found.add(href.group(1).replace("&amp;", "&"));
                }
            }
        }
        return found;
    }

    private static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }
}
