package org.concord.gateway.auth;

import com.sun.net.httpserver.HttpServer;
import org.concord.web.identity.TokenHash;
import org.concord.gateway.FakeAnswers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delegate's requests cost one credential lookup, not one each; a revocation still bites within a second;
 * and when the count of revocations cannot be read, no kept credential is used.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CredentialCacheTest {

    private static final String TOKEN = "cnc_credential-cache-test-token";
    private static final String OTHER = "cnc_credential-cache-test-other";
    private static final AtomicInteger LOOKUPS = new AtomicInteger();
    private static final Set<String> REVOKED = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean COUNT_UNREADABLE = new AtomicBoolean();
    private static final HttpServer COMMAND_SIDE = server(true);
    private static final HttpServer QUERY_SIDE = server(false);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("concord.gateway.command-side-uri", () -> uri(COMMAND_SIDE));
        registry.add("concord.gateway.management.command-side-uri", () -> uri(COMMAND_SIDE));
        registry.add("concord.gateway.query-side-uri", () -> uri(QUERY_SIDE));
        registry.add("concord.gateway.management.query-side-uri", () -> uri(QUERY_SIDE));
        registry.add("concord.gateway.admin-token", () -> "credential-cache-test-admin-token");
        registry.add("concord.internal.secret", () -> "credential-cache-test-internal-secret");
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "10m");
    }

    @AfterAll
    static void stop() {
        COMMAND_SIDE.stop(0);
        QUERY_SIDE.stop(0);
    }

    @Test
    void one_lookup_serves_many_requests_until_a_revocation_which_bites_within_a_second() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        read(client, TOKEN).expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            int before = LOOKUPS.get();
            read(client, TOKEN).expectStatus().isOk();
            return LOOKUPS.get() == before;
        });

        int before = LOOKUPS.get();
        for (int i = 0; i < 20; i++) {
            read(client, TOKEN).expectStatus().isOk();
            read(client, OTHER).expectStatus().isOk();
        }
        assertThat(LOOKUPS.get() - before).as("40 requests of two delegates whose credentials are kept").isLessThanOrEqualTo(2);

        REVOKED.add(TokenHash.of(TOKEN));
        long revokedAt = System.nanoTime();
        await().atMost(Duration.ofMillis(1500)).pollInterval(Duration.ofMillis(20))
                .until(() -> read(client, TOKEN).returnResult(String.class).getStatus() == HttpStatus.UNAUTHORIZED);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofMillis(1500));
        read(client, OTHER).expectStatus().isOk();

        COUNT_UNREADABLE.set(true);
        await().atMost(Duration.ofSeconds(3)).until(() -> {
            int lookups = LOOKUPS.get();
            read(client, OTHER).expectStatus().isOk();
            return LOOKUPS.get() > lookups;
        });
        COUNT_UNREADABLE.set(false);
    }

    private static WebTestClient.ResponseSpec read(WebTestClient client, String token) {
        return client.get().uri("/api/consultations").header("Authorization", "Bearer " + token).exchange();
    }

    /** The command side's credentials (TOKEN and OTHER, unless revoked) and count of revocations; or a query side. */
    private static HttpServer server(boolean commandSide) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/actuator/health", exchange -> FakeAnswers.json(exchange, 200, "{\"status\":\"UP\"}"));
            if (commandSide) {
                server.createContext("/internal/credentials/", exchange -> {
                    String hash = exchange.getRequestURI().getPath().substring("/internal/credentials/".length());
                    if (hash.equals("revocations")) {
                        FakeAnswers.json(exchange, COUNT_UNREADABLE.get() ? 500 : 200, "{\"revoked\":" + REVOKED.size() + "}");
                        return;
                    }
                    LOOKUPS.incrementAndGet();
                    boolean known = (hash.equals(TokenHash.of(TOKEN)) || hash.equals(TokenHash.of(OTHER))) && !REVOKED.contains(hash);
                    FakeAnswers.json(exchange, known ? 200 : 404, known ? "{\"participantId\":\"p-" + hash.substring(0, 6) + "\",\"organisation\":\"France\","
                            + "\"stakeholderType\":\"STATE\",\"country\":\"FR\",\"displayName\":\"Delegation of France\",\"roles\":[\"PARTICIPANT\"]}"
                            : "{}");
                });
            } else {
                server.createContext("/api/", exchange -> FakeAnswers.json(exchange, 200, "[]"));
            }
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String uri(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
