package org.concord.gateway.balancing;

import com.sun.net.httpserver.HttpServer;
import org.concord.gateway.FakeAnswers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The only instance of web-ui fails its health checks (as one does when so busy that they time out, issue
 * #17) but serves its pages: the gateway keeps sending them to it rather than answering 503 to everybody.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BusyInstanceTest {

    private static final AtomicInteger HEALTH_CHECKS = new AtomicInteger();
    private static final HttpServer WEB_UI = busyWebUi();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add("concord.gateway.command-side-uri", () -> "http://127.0.0.1:1");
        registry.add("concord.gateway.management.command-side-uri", () -> "http://127.0.0.1:1");
        registry.add("concord.gateway.query-side-uri", () -> "http://127.0.0.1:1");
        registry.add("concord.gateway.management.query-side-uri", () -> "http://127.0.0.1:1");
        registry.add("concord.gateway.web-ui-uri", () -> "http://127.0.0.1:" + WEB_UI.getAddress().getPort());
        registry.add("concord.gateway.management.web-ui-uri", () -> "http://127.0.0.1:" + WEB_UI.getAddress().getPort());
        registry.add("concord.gateway.admin-token", () -> "busy-instance-test-admin-token-long-enough");
        registry.add("concord.internal.secret", () -> "busy-instance-test-internal-secret");
        registry.add("spring.cloud.loadbalancer.health-check.interval", () -> "100ms");
    }

    @AfterAll
    static void stop() {
        WEB_UI.stop(0);
    }

    @Test
    void the_only_instance_failing_its_health_check_still_serves_the_pages() throws InterruptedException {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        client.get().uri("/consultations").exchange();
        long start = System.nanoTime();
        while (HEALTH_CHECKS.get() < 3 && System.nanoTime() - start < Duration.ofSeconds(10).toNanos()) {
            Thread.sleep(50);
        }

        assertThat(HEALTH_CHECKS.get()).as("health checks seen").isGreaterThanOrEqualTo(3);
        client.get().uri("/consultations").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("the page");
    }

    private static HttpServer busyWebUi() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/actuator/health", exchange -> {
                HEALTH_CHECKS.incrementAndGet();
                FakeAnswers.answer(exchange, 503, "application/json", "{\"status\":\"DOWN\"}");
            });
            server.createContext("/", exchange -> FakeAnswers.answer(exchange, 200, "text/html", "the page"));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
