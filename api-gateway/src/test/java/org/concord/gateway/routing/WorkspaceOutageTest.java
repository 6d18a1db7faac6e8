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
 * With web-ui down, a person asking for a page or sending a form gets a short HTML page saying the
 * workspace is not available (503), both while the dead instance is still listed and once the health
 * check has dropped it; an event stream is told to reconnect, and the API still answers problem+json.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkspaceOutageTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("concord.gateway.command-side-uri", () -> "http://127.0.0.1:" + refusedPort());
        registry.add("concord.gateway.management.command-side-uri", () -> "http://127.0.0.1:" + refusedPort());
        registry.add("concord.gateway.query-side-uri", () -> "http://127.0.0.1:" + refusedPort());
        registry.add("concord.gateway.management.query-side-uri", () -> "http://127.0.0.1:" + refusedPort());
        registry.add("concord.gateway.web-ui-uri", () -> "http://127.0.0.1:" + refusedPort());
        registry.add("concord.gateway.management.web-ui-uri", () -> "http://127.0.0.1:" + refusedPort());
        registry.add("concord.gateway.admin-token", () -> "workspace-outage-test-admin-0123456789abcdef");
        registry.add("concord.internal.secret", () -> "workspace-outage-test-internal-secret");
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "100ms");
    }

    @Test
    void a_page_met_by_an_outage_of_web_ui_says_so_in_html() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertOutagePage(client.get().uri("/consultations").accept(MediaType.TEXT_HTML).exchange());
            assertOutagePage(client.post().uri("/sign-in").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("token=t").exchange());
            String retry = client.get().uri("/consultations/c-1/live").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                    .expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(retry).startsWith("retry: ");
            client.get().uri("/api/consultations").exchange()
                    .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            return System.nanoTime() - start >= Duration.ofSeconds(3).toNanos();
        });
    }

    private static void assertOutagePage(WebTestClient.ResponseSpec answer) {
        answer.expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType("text/html;charset=UTF-8")
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(String.class).isEqualTo(WorkspaceOutagePage.PAGE);
    }
}
