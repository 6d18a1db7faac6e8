package org.concord.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

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
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern STYLESHEET = Pattern.compile("<link\\b[^>]*\\brel=\"stylesheet\"[^>]*>");
    private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*\\bsrc=\"[^\"]+\"[^>]*>");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
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
        visitors.add(new Visitor("anonymous", client()));
        if (token != null) {
            visitors.add(new Visitor("signed in", signedIn(token)));
        }
        Map<String, Long> assets = new LinkedHashMap<>();
        for (Visitor visitor : visitors) {
            for (String name : names) {
                String path = "/consultations/" + consultationId + PAGES.get(name);
                HttpResponse<byte[]> probe = get(visitor.http(), path);
                if (probe.statusCode() != 200) {
                    String row = String.format(Locale.ROOT, "| %s | %s | answered %d: not timed |%n", name, visitor.name(), probe.statusCode());
                    times.append(row);
                    weights.append(row);
                    log("%s, %s: %s answered %d, not timed", name, visitor.name(), path, probe.statusCode());
                    continue;
                }
                log("timing the %s page, %s", name, visitor.name());
                for (int i = 0; i < warmUp; i++) {
                    ok(get(visitor.http(), path), path);
                }
                long[] nanos = new long[samples];
                for (int i = 0; i < samples; i++) {
                    long start = System.nanoTime();
                    ok(get(visitor.http(), path), path);
                    nanos[i] = System.nanoTime() - start;
                }
                Latencies latencies = Latencies.of(nanos);
                Double target = TARGET_P99_MS.get(name);
                times.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", name, visitor.name(),
                        Latencies.cell(latencies.ms(0.50)), Latencies.cell(latencies.ms(0.95)), Latencies.cell(latencies.ms(0.99)),
                        Latencies.cell(latencies.maxMs()), target == null ? "" : String.format(Locale.ROOT, "< %.0f ms", target),
                        target == null ? "" : String.format(Locale.ROOT, "%.2f", latencies.ms(0.99) / target)));

                byte[] html = decoded(probe);
                long assetBytes = 0;
                for (String asset : assets(new String(html, StandardCharsets.UTF_8))) {
                    assetBytes += assets.computeIfAbsent(asset, href -> (long) ok(get(visitor.http(), href), href).body().length);
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
    private record Visitor(String name, HttpClient http) {
    }

    private static HttpClient client() {
        // HTTP/1.1 as a browser speaks to an http:// address (no h2c upgrade); redirects not followed, so a sign-in answers 303
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Signs in with {@code token} through the workspace's form; the client then carries the session cookie. */
    private HttpClient signedIn(String token) {
        HttpClient http = client();
        String form = new String(decoded(ok(get(http, "/sign-in"), "/sign-in")), StandardCharsets.UTF_8);
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("The sign-in form at " + base + "/sign-in carries no CSRF token");
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/sign-in")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&next=/"
                        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build();
        HttpResponse<byte[]> answer = send(http, request);
        if (answer.statusCode() != 303) {
            throw new IllegalStateException("Signing in at " + base + "/sign-in answered " + answer.statusCode());
        }
        return http;
    }

    private HttpResponse<byte[]> get(HttpClient http, String path) {
        return send(http, HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "text/html,*/*").header("Accept-Encoding", "gzip").build());
    }

    private static HttpResponse<byte[]> ok(HttpResponse<byte[]> response, String path) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
        }
        return response;
    }

    private static HttpResponse<byte[]> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as the page's HTML, decompressed if it came compressed. */
    private static byte[] decoded(HttpResponse<byte[]> response) {
        if (!response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The page's gzip could not be read", e);
        }
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
