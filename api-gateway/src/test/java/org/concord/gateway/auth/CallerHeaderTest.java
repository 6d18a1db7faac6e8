package org.concord.gateway.auth;

import com.sun.net.httpserver.HttpServer;
import org.concord.gateway.FakeAnswers;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.concord.web.identity.SignedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The caller header as a service receives it from the gateway: bound to the request as it arrives (method, path and
 * query, body), usable once; and the services' health asked on their management ports, never on the ports the
 * gateway routes to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CallerHeaderTest {

    private static final String ADMIN_TOKEN = "caller-header-test-admin-token-0123456789";
    private static final String SECRET = "caller-header-test-internal-secret";
    private static final Service COMMAND_SIDE = new Service();
    private static final Service QUERY_SIDE = new Service();
    private static final Service MANAGEMENT = new Service();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("concord.gateway.command-side-uri", COMMAND_SIDE::uri);
        registry.add("concord.gateway.query-side-uri", QUERY_SIDE::uri);
        registry.add("concord.gateway.management.command-side-uri", MANAGEMENT::uri);
        registry.add("concord.gateway.management.query-side-uri", MANAGEMENT::uri);
        registry.add("concord.gateway.admin-token", () -> ADMIN_TOKEN);
        registry.add("concord.internal.secret", () -> SECRET);
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "200ms");
    }

    @AfterAll
    static void stopServices() {
        List.of(COMMAND_SIDE, QUERY_SIDE, MANAGEMENT).forEach(Service::stop);
    }

    private WebTestClient client() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void a_service_receives_a_header_bound_to_the_request_it_came_with_and_good_once() {
        client().post().uri(URI.create("http://127.0.0.1:" + port + "/api/consultations/c%2D1/rounds?note=a%20b")).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"deadline\":\"2030-01-01T00:00:00Z\"}")
                .exchange().expectStatus().isCreated();

        Received received = COMMAND_SIDE.received.get(COMMAND_SIDE.received.size() - 1);
        CallerIdentityCodec service = new CallerIdentityCodec(SECRET, new JsonMapper(), Clock.systemUTC());
        SignedRequest asReceived = SignedRequest.of(received.method(), received.uri(), received.body());
        assertThat(received.uri()).hasToString("/api/consultations/c%2D1/rounds?note=a%20b");
        assertThat(service.decode(received.header(), SignedRequest.of("POST", received.uri(), "{}".getBytes(StandardCharsets.UTF_8))))
                .as("with another body").isEmpty();
        assertThat(service.decode(received.header(), SignedRequest.withoutBody("GET", URI.create("/api/admin/audit"))))
                .as("on another endpoint").isEmpty();
        assertThat(service.decode(received.header(), asReceived)).map(CallerIdentity::participantId).contains("admin");
        assertThat(service.decode(received.header(), asReceived)).as("a second time").isEmpty();
    }

    @Test
    void a_body_too_large_to_sign_is_413() {
        client().post().uri("/api/consultations").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("\"" + "x".repeat(600 * 1024) + "\"")
                .exchange().expectStatus().isEqualTo(413).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void the_services_health_is_asked_on_their_management_port() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(MANAGEMENT.healthChecks).contains("/actuator/health/readiness"));
        assertThat(COMMAND_SIDE.healthChecks).isEmpty();
        assertThat(QUERY_SIDE.healthChecks).isEmpty();
    }

    private record Received(String method, URI uri, byte[] body, String header) {
    }

    /** A service's port, played by a plain HTTP server that keeps what it received. */
    private static final class Service {

        private final HttpServer server;
        private final List<Received> received = new CopyOnWriteArrayList<>();
        private final Set<String> healthChecks = ConcurrentHashMap.newKeySet();

        Service() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/actuator/health", exchange -> {
                healthChecks.add(exchange.getRequestURI().getPath());
                FakeAnswers.json(exchange, 200, "{\"status\":\"UP\"}");
            });
            server.createContext("/api/", exchange -> {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestBody().readAllBytes(),
                        exchange.getRequestHeaders().getFirst(CallerIdentityCodec.HEADER)));
                FakeAnswers.json(exchange, "POST".equals(exchange.getRequestMethod()) ? 201 : 200, "{}");
            });
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }
    }
}
