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
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * One browser's exchanges with the web workspace, without a browser: HTTP/1.1 (as a browser speaks to an
 * http:// address), its own cookies, {@code Accept-Encoding: gzip}, redirects not followed (a form answers
 * 303), and forms posted with the CSRF token of the last page that carried one.
 */
final class WorkspaceBrowser {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
            .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    private String csrf;

    WorkspaceBrowser(URI base) {
        this.base = base;
    }

    /** Signs in with {@code token} through the sign-in form; afterwards the browser carries the session cookie. */
    WorkspaceBrowser signIn(String token) {
        page(ok(get("/sign-in"), "/sign-in"));
        HttpResponse<byte[]> answer = post("/sign-in", Map.of("token", token, "next", "/"));
        if (answer.statusCode() != 303) {
            throw new IllegalStateException("Signing in at " + base + "/sign-in answered " + answer.statusCode());
        }
        return this;
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "text/html,*/*").header("Accept-Encoding", "gzip").build());
    }

    /** Posts {@code fields} as a form, with the CSRF token of the last page read with {@link #page}. */
    HttpResponse<byte[]> post(String path, Map<String, String> fields) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((name, value) -> form.add(encode(name) + "=" + encode(value)));
        if (csrf != null) {
            form.add("_csrf=" + encode(csrf));
        }
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build());
    }

    /** The page's HTML, decompressed; its CSRF token is kept for the next form. */
    String page(HttpResponse<byte[]> response) {
        String html = new String(decoded(response), StandardCharsets.UTF_8);
        Matcher token = CSRF.matcher(html);
        if (token.find()) {
            csrf = token.group(1);
        }
        return html;
    }

    static HttpResponse<byte[]> ok(HttpResponse<byte[]> response, String path) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.request().method() + " " + path + " answered " + response.statusCode());
        }
        return response;
    }

    /** The body, decompressed if it came compressed. */
    static byte[] decoded(HttpResponse<byte[]> response) {
        if (!response.headers().firstValue("Content-Encoding").orElse("").equalsIgnoreCase("gzip")) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The page's gzip could not be read", e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
