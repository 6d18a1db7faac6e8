package org.concord.gateway.routing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.gateway.RefusedPorts.refusedPort;

/**
 * The gateway in front of a web-ui instance, played by a plain HTTP server: every page outside the API,
 * the API reference and the actuator goes to web-ui with the browser's address and host, and its
 * cookies, content security policy and event streams come back unchanged; the rate limit still counts
 * each browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkspaceRoutingTest {

    private static final String WEB_UI_POLICY = "default-src 'self'; script-src 'self'; frame-ancestors 'none'";
    private static final WebUi WEB_UI = new WebUi();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("concord.gateway.command-side-uri", () -> "http://127.0.0.1:" + refusedPort());
        registry.add("concord.gateway.management.command-side-uri", () -> "http://127.0.0.1:" + refusedPort());
        registry.add("concord.gateway.query-side-uri", () -> "http://127.0.0.1:" + refusedPort());
        registry.add("concord.gateway.management.query-side-uri", () -> "http://127.0.0.1:" + refusedPort());
        registry.add("concord.gateway.web-ui-uri", WEB_UI::uri);
        registry.add("concord.gateway.management.web-ui-uri", WEB_UI::uri);
        registry.add("concord.gateway.admin-token", () -> "workspace-routing-test-admin-0123456789abcdef");
        registry.add("concord.internal.secret", () -> "workspace-routing-test-internal-secret");
        // short enough to see that a stream outlives it: it bounds the wait for an answer's headers only
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "1s");
        registry.add("concord.gateway.limits.anonymous-burst", () -> "20");
        registry.add("concord.gateway.limits.anonymous-per-second", () -> "0.01");
    }

    @AfterAll
    static void stopWebUi() {
        WEB_UI.stop();
    }

    @Test
    void pages_and_forms_reach_web_ui_with_the_browsers_address_and_host_and_keep_its_cookies_and_policy() {
        client().get().uri("/consultations/c-1?lang=fr").header("X-Forwarded-For", "192.0.2.66")
                .header("X-Concord-Caller", "forged").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/html;charset=utf-8")
                .expectHeader().valueEquals("Content-Security-Policy", WEB_UI_POLICY)
                .expectHeader().values(HttpHeaders.SET_COOKIE, cookies -> assertThat(cookies).containsExactly(
                        "SESSION=s-1; Path=/; HttpOnly; SameSite=Lax", "lang=fr; Path=/"))
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectBody(String.class).isEqualTo("<p>page /consultations/c-1?lang=fr</p>");
        Map<String, String> seen = WEB_UI.lastHeaders;
        // the browser's own claim is dropped: web-ui hears the connection's address, from the gateway alone
        assertThat(seen.get("X-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(seen.get("Host")).isEqualTo("127.0.0.1:" + port);
        assertThat(seen).doesNotContainKey("X-concord-caller");

        client().post().uri("/sign-in").contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("token=t-1")
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.SEE_OTHER)
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "/")
                .expectHeader().valueEquals(HttpHeaders.SET_COOKIE, "SESSION=s-2; Path=/; HttpOnly; SameSite=Lax");
        assertThat(WEB_UI.lastBody).isEqualTo("token=t-1");

        client().head().uri("/").exchange().expectStatus().isOk();
        assertThat(WEB_UI.paths).contains("GET /consultations/c-1", "POST /sign-in", "HEAD /");
    }

    @Test
    void an_event_stream_from_web_ui_reaches_the_browser_event_by_event_and_outlives_the_response_timeout() {
        Flux<String> events = client().get().uri("/live").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseBody();
        // web-ui sends the second event only once the first has arrived, and 2.5 s later (the timeout is 1 s)
        StepVerifier.create(events)
                .expectNext("one")
                .then(WEB_UI.firstEventArrived::countDown)
                .expectNext("two")
                .expectComplete()
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void a_page_whose_headers_take_longer_than_the_response_timeout_is_a_504_page() {
        client().get().uri("/slow").exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(page -> assertThat(page).contains("<html lang=\"en\">",
                        "The workspace is not available; retry shortly."));
    }

    @Test
    void the_api_its_reference_and_the_actuator_are_not_the_workspaces() {
        client().get().uri("/api/consultations").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        String swaggerUi = client().get().uri("/swagger-ui.html").exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(String.class).getResponseHeaders().getLocation().getPath();
        assertThat(swaggerUi).isEqualTo("/swagger-ui/index.html");
        client().get().uri(swaggerUi).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).value(page -> assertThat(page).contains("swagger-ui"));
        client().get().uri("/v3/api-docs/gateway/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.urls[0].url").isEqualTo("/v3/api-docs/commands");
        client().get().uri("/actuator/health").exchange().expectStatus().isNotFound();
        assertThat(WEB_UI.paths).noneMatch(path -> path.contains("/api/") || path.contains("swagger")
                || path.contains("/v3/") || path.contains("/actuator/"));
    }

    @Test
    void each_browser_behind_web_ui_has_its_own_rate_limit_and_a_made_up_token_does_not_escape_it() {
        // requests from 127.0.0.1, web-ui's address in this test, count against the address web-ui forwards
        for (int i = 0; i < 20; i++) {
            client().get().uri("/consultations").header("X-Forwarded-For", "203.0.113.50")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer made-up-" + i).exchange()
                    .expectStatus().isOk();
        }
        client().get().uri("/consultations").header("X-Forwarded-For", "203.0.113.50")
                .header(HttpHeaders.AUTHORIZATION, "Bearer made-up-20").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);
        client().get().uri("/consultations").header("X-Forwarded-For", "203.0.113.51").exchange()
                .expectStatus().isOk();
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    /** web-ui: healthy, answers pages and a sign-in form with cookies and its own policy, streams events. */
    private static final class WebUi {

        private final HttpServer server;
        private final CountDownLatch firstEventArrived = new CountDownLatch(1);
        private final List<String> paths = new CopyOnWriteArrayList<>();
        private volatile Map<String, String> lastHeaders = Map.of();
        private volatile String lastBody;

        WebUi() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // a stream and a slow page wait while others are served
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/actuator/health", exchange -> answer(exchange, 200, "application/json", "{\"status\":\"UP\"}"));
            server.createContext("/live", this::stream);
            server.createContext("/slow", exchange -> {
                sleep(2500);
                answer(exchange, 200, "text/html;charset=utf-8", "<p>too late</p>");
            });
            server.createContext("/", this::page);
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }

        private void page(HttpExchange exchange) throws IOException {
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            Map<String, String> headers = new ConcurrentHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
            lastHeaders = headers;
            exchange.getResponseHeaders().set("Content-Security-Policy", WEB_UI_POLICY);
            exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
            if ("POST".equals(exchange.getRequestMethod())) {
                lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Set-Cookie", "SESSION=s-2; Path=/; HttpOnly; SameSite=Lax");
                exchange.getResponseHeaders().set("Location", "/");
                exchange.sendResponseHeaders(303, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Set-Cookie", "SESSION=s-1; Path=/; HttpOnly; SameSite=Lax");
            exchange.getResponseHeaders().add("Set-Cookie", "lang=fr; Path=/");
            answer(exchange, 200, "text/html;charset=utf-8", "<p>page " + exchange.getRequestURI() + "</p>");
        }

        private void stream(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            boolean arrived;
            try {
                arrived = firstEventArrived.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                arrived = false;
            }
            sleep(2500);
            // an event held back by the gateway would make the browser see this instead
            out.write((arrived ? "data: two\n\n" : "data: the first event was held back\n\n").getBytes(StandardCharsets.UTF_8));
            out.close();
        }

        private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
