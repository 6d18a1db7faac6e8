package org.concord.gateway.balancing;

import com.sun.net.httpserver.HttpServer;
import org.concord.gateway.FakeAnswers;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway in front of two instances of each service, played by plain HTTP servers: requests are
 * balanced between the instances, the commands about one consultation all go to one of them, a command whose instance refuses the connection goes to the other
 * one, a command that reached an instance is never sent twice, and a token no command side can check
 * is a 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BalancingTest {

    private static final String PARTICIPANT_TOKEN = "participant-token";
    private static final Backend COMMAND_1 = new Backend();
    private static final Backend COMMAND_2 = new Backend();
    private static final Backend QUERY_1 = new Backend();
    private static final Backend QUERY_2 = new Backend();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("concord.gateway.command-side-uri", () -> COMMAND_1.uri() + "," + COMMAND_2.uri());
        registry.add("concord.gateway.management.command-side-uri", () -> COMMAND_1.uri() + "," + COMMAND_2.uri());
        registry.add("concord.gateway.query-side-uri", () -> QUERY_1.uri() + ", " + QUERY_2.uri());
        registry.add("concord.gateway.management.query-side-uri", () -> QUERY_1.uri() + ", " + QUERY_2.uri());
        registry.add("concord.gateway.admin-token", () -> "balancing-test-admin-0123456789abcdef");
        registry.add("concord.internal.secret", () -> "balancing-test-internal-secret");
        // the health check must not drop a stopped instance before the retries are seen at work
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "10m");
        // every request looks its token up, so that the lookups' balancing is seen (the cache: CredentialCacheTest)
        registry.add("concord.gateway.credentials.cache-for", () -> "0");
    }

    @AfterAll
    static void stopBackends() {
        List.of(COMMAND_1, COMMAND_2, QUERY_1, QUERY_2).forEach(Backend::stop);
    }

    @Test
    void requests_are_balanced_and_a_dead_instance_is_avoided_without_running_a_command_twice() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();

        Set<String> commandInstances = new HashSet<>();
        Set<String> queryInstances = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            commandInstances.add(post(client, "/api/consultations", "command " + i).expectStatus().isCreated()
                    .returnResult(String.class).getResponseHeaders().getFirst(InstanceHeaderFilter.HEADER));
            queryInstances.add(client.get().uri("/api/consultations").exchange().expectStatus().isOk()
                    .returnResult(String.class).getResponseHeaders().getFirst(InstanceHeaderFilter.HEADER));
        }
        assertThat(commandInstances).containsExactlyInAnyOrder("command-side-1", "command-side-2");
        assertThat(queryInstances).containsExactlyInAnyOrder("query-side-1", "query-side-2");

        // the commands about one consultation all go to one instance; the consultations are spread over both
        // (seven of them: a round-robin over two instances would send a consultation's next command to the other)
        Map<String, String> instanceOf = new HashMap<>();
        for (int round = 0; round < 3; round++) {
            for (int c = 0; c < 7; c++) {
                String instance = post(client, "/api/consultations/c-" + c + "/comments", "comment " + round + " on " + c)
                        .expectStatus().isCreated().returnResult(String.class).getResponseHeaders().getFirst(InstanceHeaderFilter.HEADER);
                assertThat(instanceOf.computeIfAbsent("c-" + c, id -> instance)).as("instance of c-%d", c).isEqualTo(instance);
            }
        }
        assertThat(new HashSet<>(instanceOf.values())).containsExactlyInAnyOrder("command-side-1", "command-side-2");

        COMMAND_2.stop();
        QUERY_1.stop();
        // a consultation whose instance died goes to the next in its ranking at once (the health check has not run)
        for (int c = 0; c < 7; c++) {
            post(client, "/api/consultations/c-" + c + "/comments", "after the stop on " + c).expectStatus().isCreated()
                    .expectHeader().valueEquals(InstanceHeaderFilter.HEADER, "command-side-1");
        }
        for (int i = 0; i < 6; i++) {
            post(client, "/api/consultations", "after " + i).expectStatus().isCreated()
                    .expectHeader().valueEquals(InstanceHeaderFilter.HEADER, "command-side-1");
            client.get().uri("/api/consultations").exchange().expectStatus().isOk()
                    .expectHeader().valueEquals(InstanceHeaderFilter.HEADER, "query-side-2");
        }
        for (int i = 0; i < 6; i++) {
            assertThat(COMMAND_1.received("command " + i) + COMMAND_2.received("command " + i)).isEqualTo(1);
            assertThat(COMMAND_1.received("after " + i)).isEqualTo(1);
        }
        // the token lookups go to the command side too, and survive the dead instance as well
        assertThat(COMMAND_1.credentialLookups.get()).isGreaterThanOrEqualTo(6);

        // an instance that took the command and then failed: the command is not sent again
        COMMAND_1.failNext.set(true);
        post(client, "/api/consultations", "failing").expectStatus().value(status -> assertThat(status).isGreaterThanOrEqualTo(500));
        assertThat(COMMAND_1.received("failing")).isEqualTo(1);

        // no command side left to check a token: the caller is told to wait (503), nobody is let in; anonymous reads go on
        // the balancer asks each instance's readiness probe, answered from memory, not the full health with its MongoDB ping
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(COMMAND_1.healthChecks).isNotEmpty());
        assertThat(COMMAND_1.healthChecks).containsOnly("/actuator/health/readiness");
        COMMAND_1.stop();
        client.get().uri("/api/consultations").header("Authorization", "Bearer " + PARTICIPANT_TOKEN).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:concord:problem:service-unavailable");
        client.get().uri("/api/consultations").exchange().expectStatus().isOk();
    }

    private static WebTestClient.ResponseSpec post(WebTestClient client, String path, String body) {
        return client.post().uri(path).header("Authorization", "Bearer " + PARTICIPANT_TOKEN)
                .contentType(MediaType.TEXT_PLAIN).bodyValue(body).exchange();
    }

    /** One instance of a service: healthy, answers reads, takes commands and counts them, knows one credential. */
    private static final class Backend {

        private final HttpServer server;
        private final Map<String, AtomicInteger> commands = new ConcurrentHashMap<>();
        private final AtomicInteger credentialLookups = new AtomicInteger();
        private final AtomicBoolean failNext = new AtomicBoolean();
        private final Set<String> healthChecks = ConcurrentHashMap.newKeySet();

        Backend() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/actuator/health", exchange -> {
                healthChecks.add(exchange.getRequestURI().getPath());
                FakeAnswers.json(exchange, 200, "{\"status\":\"UP\"}");
            });
            server.createContext("/internal/credentials/", exchange -> {
                credentialLookups.incrementAndGet();
                FakeAnswers.json(exchange, 200, "{\"participantId\":\"p-1\",\"organisation\":\"France\",\"stakeholderType\":\"STATE\","
                        + "\"country\":\"FR\",\"displayName\":\"Delegation of France\",\"roles\":[\"PARTICIPANT\"]}");
            });
            server.createContext("/api/", exchange -> {
                if ("POST".equals(exchange.getRequestMethod())) {
                    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    commands.computeIfAbsent(body, key -> new AtomicInteger()).incrementAndGet();
                    if (failNext.getAndSet(false)) {
                        FakeAnswers.json(exchange, HttpStatus.INTERNAL_SERVER_ERROR.value(), "{}");
                        return;
                    }
                    FakeAnswers.json(exchange, 201, "{}");
                } else {
                    FakeAnswers.json(exchange, 200, "[]");
                }
            });
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        int received(String command) {
            AtomicInteger count = commands.get(command);
            return count == null ? 0 : count.get();
        }

        void stop() {
            server.stop(0);
        }
    }
}
