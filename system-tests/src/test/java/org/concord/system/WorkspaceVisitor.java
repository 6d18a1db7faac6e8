package org.concord.system;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One person using the web workspace through the gateway as a browser without JavaScript would: plain
 * GETs and form posts, the cookies kept between them. A form post carries the CSRF token of the last page
 * that had a form, as the browser would send the hidden field of the form on that page.
 */
final class WorkspaceVisitor {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final URI gateway;
    private final HttpClient http;
    private String csrf;

    WorkspaceVisitor(ConcordProcesses concord) {
        this.gateway = concord.gateway();
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Signs in with {@code token} through the sign-in form; the form answers 303 to the page to return to. */
    WorkspaceVisitor signIn(String token) {
        get("/sign-in");
        Page answer = post("/sign-in", "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&next=%2F");
        assertThat(answer.status()).as("sign-in answer").isEqualTo(303);
        return this;
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(gateway.resolve(path)).header("Accept", "text/html").GET());
    }

    /** Posts {@code form} (URL-encoded), with the CSRF token of the last page unless it carries its own. */
    Page post(String path, String form) {
        String withToken = csrf == null || form.contains("_csrf=") ? form
                : form + (form.isEmpty() ? "" : "&") + "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        return postExactly(path, withToken);
    }

    /** Posts {@code form} as it is, without adding a CSRF token. */
    Page postExactly(String path, String form) {
        return send(HttpRequest.newBuilder(gateway.resolve(path))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private Page send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrf = token.group(1);
            }
            return new Page(response.statusCode(), response.body(), response.headers().firstValue("Content-Security-Policy").orElse(null),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException("The workspace did not answer " + request.build().uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A page as it came: its status, its HTML, its Content-Security-Policy, and where a redirect leads. */
    record Page(int status, String html, String contentSecurityPolicy, String location) {

        /** The value of the form field {@code name} on this page (the first one), or null. */
        String field(String name) {
            Matcher value = Pattern.compile("name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
            return value.find() ? value.group(1) : null;
        }

        /** The page's text without its tags, entities decoded: what a reader reads. */
        String text() {
            return html.replaceAll("(?s)<[^>]*>", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&amp;", "&").replaceAll("\\s+", " ");
        }
    }
}
