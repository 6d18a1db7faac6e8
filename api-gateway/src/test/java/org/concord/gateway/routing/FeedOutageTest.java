package org.concord.gateway.routing;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.gateway.RefusedPorts.refusedPort;

/**
 * With the query side and the command side down, a change feed is answered so that a standard
 * EventSource client reconnects (200, an event stream holding only {@code retry:}), both while the dead
 * instances are still listed and once the health check has dropped them; other reads stay a 503.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeedOutageTest {

    private static final int DEAD_COMMAND_SIDE = refusedPort();
    private static final int DEAD_QUERY_SIDE = refusedPort();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("concord.gateway.command-side-uri", () -> "http://127.0.0.1:" + DEAD_COMMAND_SIDE);
        registry.add("concord.gateway.management.command-side-uri", () -> "http://127.0.0.1:" + DEAD_COMMAND_SIDE);
        registry.add("concord.gateway.query-side-uri", () -> "http://127.0.0.1:" + DEAD_QUERY_SIDE);
        registry.add("concord.gateway.management.query-side-uri", () -> "http://127.0.0.1:" + DEAD_QUERY_SIDE);
        registry.add("concord.gateway.admin-token", () -> "feed-outage-test-admin-0123456789abcdef");
        registry.add("concord.internal.secret", () -> "feed-outage-test-internal-secret");
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "100ms");
    }

    @Test
    void a_feed_met_by_an_outage_is_told_to_retry_while_other_reads_are_a_503() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        // asked every 100 ms for 3 s: the health check (every 100 ms) drops the dead instances meanwhile
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertRetry(client.get().uri("/api/feed?after=0").accept(MediaType.TEXT_EVENT_STREAM));
            // a token nobody can check (the command side is down too) is the same outage
            assertRetry(client.get().uri("/api/consultations/some-consultation/feed")
                    .header("Authorization", "Bearer some-participant-token").header("Last-Event-ID", "42")
                    .accept(MediaType.TEXT_EVENT_STREAM));
            client.get().uri("/api/consultations").accept(MediaType.APPLICATION_JSON).exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            client.get().uri("/api/consultations/some-consultation/feed.atom").exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            return System.nanoTime() - start >= Duration.ofSeconds(3).toNanos();
        });
    }

    private static void assertRetry(WebTestClient.RequestHeadersSpec<?> feed) {
        String body = feed.exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody(String.class).returnResult().getResponseBody();
        // a retry field and a comment, no event: nothing a client would dispatch, and no id to reset its Last-Event-ID
        assertThat(body).startsWith("retry: 2000\n: 503 ").endsWith("\n\n").doesNotContain("\nid:", "\ndata:");
    }
}
