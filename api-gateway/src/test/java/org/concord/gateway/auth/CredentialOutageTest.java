package org.concord.gateway.auth;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.concord.gateway.RefusedPorts.refusedPort;

/**
 * With no command side running, the gateway cannot say whose a token is: every authenticated request
 * is a 503 the client waits out, both while the dead instance is still listed (the connection is
 * refused) and once the health check has dropped it (the balancer has no instance left), never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CredentialOutageTest {

    private static final HttpServer QUERY_SIDE = querySide();
    private static final int DEAD_PORT = refusedPort();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("concord.gateway.command-side-uri", () -> "http://127.0.0.1:" + DEAD_PORT);
        registry.add("concord.gateway.management.command-side-uri", () -> "http://127.0.0.1:" + DEAD_PORT);
        registry.add("concord.gateway.query-side-uri", () -> "http://127.0.0.1:" + QUERY_SIDE.getAddress().getPort());
        registry.add("concord.gateway.management.query-side-uri", () -> "http://127.0.0.1:" + QUERY_SIDE.getAddress().getPort());
        registry.add("concord.gateway.admin-token", () -> "outage-test-admin-0123456789abcdef");
        registry.add("concord.internal.secret", () -> "outage-test-internal-secret");
        // also each check's timeout: the first check of an instance, on a cold client, may take over 100 ms
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "500ms");
    }

    @AfterAll
    static void stop() {
        QUERY_SIDE.stop(0);
    }

    @Test
    void a_token_no_command_side_can_check_is_a_503_before_and_after_the_health_check_drops_the_instance() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        // asked every 100 ms for 3 s, each answer a 503 (a failed expectation ends the wait at once): the health
        // check (every 500 ms) drops the dead instance meanwhile
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            client.get().uri("/api/consultations").header("Authorization", "Bearer some-participant-token").exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.type").isEqualTo("urn:concord:problem:service-unavailable");
            return System.nanoTime() - start >= Duration.ofSeconds(3).toNanos();
        });
        client.get().uri("/api/consultations").exchange().expectStatus().isOk();
    }

    private static HttpServer querySide() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = (exchange.getRequestURI().getPath().startsWith("/actuator") ? "{\"status\":\"UP\"}" : "[]")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
