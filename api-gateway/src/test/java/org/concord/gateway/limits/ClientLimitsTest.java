package org.concord.gateway.limits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.concord.testing.MovableClock;
import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's limits on one client: its request rate, its open feeds, and the security headers of every answer. */
class ClientLimitsTest {

    private static final ProblemDetailsExceptionHandler PROBLEMS = new ProblemDetailsExceptionHandler(new JsonMapper());
    private static final ClientLimitProperties LIMITS = new ClientLimitProperties(2, 3, 1, 2, 2, List.of());

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

    @Test
    void a_token_past_its_burst_gets_429_with_retry_after_until_its_rate_refills_it() {
        WebTestClient client = client(new RateLimitWebFilter(LIMITS, new ClientKey(List.of()), PROBLEMS, clock, meterRegistry));
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/consultations").header("Authorization", "Bearer one").exchange().expectStatus().isOk();
        }
        client.get().uri("/api/consultations").header("Authorization", "Bearer one").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("token"));
        client.get().uri("/api/consultations").header("Authorization", "Bearer another").exchange().expectStatus().isOk();

        clock.advance(Duration.ofMillis(500));
        client.get().uri("/api/consultations").header("Authorization", "Bearer one").exchange().expectStatus().isOk();
        assertThat(refusals("token")).isEqualTo(1);
        assertThat(refusals("anonymous")).isZero();
    }

    @Test
    void clients_without_a_token_are_limited_by_their_address() {
        WebTestClient client = client(new RateLimitWebFilter(LIMITS, new ClientKey(List.of()), PROBLEMS, clock, meterRegistry));
        client.get().uri("/api/feed").exchange().expectStatus().isOk();
        client.get().uri("/api/feed").exchange().expectStatus().isOk();
        client.get().uri("/api/feed").exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals("Retry-After", "1");
        assertThat(refusals("anonymous")).isEqualTo(1);
        assertThat(refusals("token")).isZero();
    }

    @Test
    void a_client_holds_at_most_its_feeds_open_and_closing_one_frees_its_place() {
        FeedConnectionLimitWebFilter limit = new FeedConnectionLimitWebFilter(LIMITS, new ClientKey(List.of()), PROBLEMS, meterRegistry);
        Sinks.Empty<Void> firstFeed = Sinks.empty();
        limit.filter(feed("/api/feed"), exchange -> firstFeed.asMono()).subscribe();
        limit.filter(feed("/api/consultations/c-1/feed"), exchange -> Sinks.<Void>empty().asMono()).subscribe();

        MockServerWebExchange third = feed("/api/feed");
        limit.filter(third, exchange -> Mono.empty()).block();
        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        MockServerWebExchange atom = feed("/api/consultations/c-1/feed.atom");
        limit.filter(atom, exchange -> Mono.empty()).block();
        assertThat(atom.getResponse().getStatusCode()).isNull();

        firstFeed.tryEmitEmpty();
        MockServerWebExchange afterClosing = feed("/api/feed");
        limit.filter(afterClosing, exchange -> Mono.empty()).block();
        assertThat(afterClosing.getResponse().getStatusCode()).isNull();
        assertThat(refusals("feeds")).isEqualTo(1);
    }

    private double refusals(String limit) {
        return meterRegistry.get("concord.ratelimit.refusals").tag("limit", limit).counter().count();
    }

    private static MockServerWebExchange feed(String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.get(path).header("Authorization", "Bearer one"));
    }

    @Test
    void every_answer_says_no_sniffing_no_framing_and_api_answers_run_nothing() {
        WebTestClient client = client(new SecurityHeadersWebFilter());
        client.get().uri("/api/consultations").exchange()
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }

    private static WebTestClient client(org.springframework.web.server.WebFilter filter) {
        return WebTestClient.bindToWebHandler(exchange -> exchange.getResponse().setComplete()).webFilter(filter).build();
    }
}
