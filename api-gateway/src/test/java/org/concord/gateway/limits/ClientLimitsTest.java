package org.concord.gateway.limits;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.concord.gateway.auth.KnownTokens;
import org.concord.web.identity.CallerIdentity;
import org.concord.testing.MovableClock;
import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's limits on one client: its request rate (a participant's, or an address's for anonymous requests and
 * tokens not yet known), the memory they take, its open feeds whatever the spelling of their path, and the security
 * headers of every answer.
 */
class ClientLimitsTest {

    private static final ProblemDetailsExceptionHandler PROBLEMS = new ProblemDetailsExceptionHandler(new JsonMapper());
    private static final ClientLimitProperties LIMITS = new ClientLimitProperties(2, 3, 1, 2, 2, 1000, List.of());
    private static final CallerIdentity ONE = new CallerIdentity("p-1", "One", "NGO", "FR", "One", Set.of("PARTICIPANT"));
    private static final CallerIdentity ANOTHER = new CallerIdentity("p-2", "Another", "NGO", "DE", "Another", Set.of("PARTICIPANT"));
    /** The tokens the gateway knows without a lookup: two of one participant's, and another's. */
    private static final KnownTokens KNOWN = token -> Optional.ofNullable(
            Map.of("one", ONE, "one-again", ONE, "another", ANOTHER).get(token));

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

    @Test
    void a_participant_past_its_burst_gets_429_with_retry_after_whichever_of_its_tokens_it_sends_until_its_rate_refills_it() {
        WebTestClient client = client(rateLimit(LIMITS));
        for (String token : List.of("one", "one-again", "one")) {
            client.get().uri("/api/consultations").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();
        }
        client.get().uri("/api/consultations").header("Authorization", "Bearer one-again").exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals("Retry-After", "1")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("participant"));
        client.get().uri("/api/consultations").header("Authorization", "Bearer another").exchange().expectStatus().isOk();

        clock.advance(Duration.ofMillis(500));
        client.get().uri("/api/consultations").header("Authorization", "Bearer one").exchange().expectStatus().isOk();
        assertThat(refusals("token")).isEqualTo(1);
        assertThat(refusals("anonymous")).isZero();
    }

    @Test
    void clients_without_a_token_are_limited_by_their_address() {
        WebTestClient client = client(rateLimit(LIMITS));
        client.get().uri("/api/feed").exchange().expectStatus().isOk();
        client.get().uri("/api/feed").exchange().expectStatus().isOk();
        client.get().uri("/api/feed").exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().valueEquals("Retry-After", "1");
        assertThat(refusals("anonymous")).isEqualTo(1);
        assertThat(refusals("token")).isZero();
    }

    @Test
    void a_token_the_gateway_does_not_know_counts_against_its_address_so_made_up_tokens_share_its_limit() {
        WebTestClient client = client(rateLimit(LIMITS));
        client.get().uri("/api/consultations").header("Authorization", "Bearer " + UUID.randomUUID()).exchange().expectStatus().isOk();
        client.get().uri("/api/consultations").exchange().expectStatus().isOk();
        client.get().uri("/api/consultations").header("Authorization", "Bearer " + UUID.randomUUID()).exchange()
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("address"));
        // a known token costs no lookup: its participant's limit, not the spent address's, decides
        client.get().uri("/api/consultations").header("Authorization", "Bearer one").exchange().expectStatus().isOk();
        assertThat(refusals("anonymous")).isEqualTo(1);
    }

    @Test
    void the_limits_keep_at_most_clients_kept_clients_and_forget_one_once_its_bucket_would_be_full_again() {
        RateLimitWebFilter limit = rateLimit(new ClientLimitProperties(2, 3, 1, 2, 2, 100, List.of()));
        for (int i = 0; i < 5000; i++) {
            MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/consultations")
                    .header("Authorization", "Bearer " + UUID.randomUUID())
                    .remoteAddress(new InetSocketAddress("10.0." + (i / 250) + "." + (i % 250), 40000)));
            limit.filter(exchange, done -> Mono.empty()).block();
        }
        assertThat(limit.clientsKept()).isLessThanOrEqualTo(100);

        // the slowest bucket, an address's, is full again 2 s after its last request (a burst of 2 at 1 a second)
        clock.advance(Duration.ofSeconds(3));
        assertThat(limit.clientsKept()).isZero();
    }

    private RateLimitWebFilter rateLimit(ClientLimitProperties limits) {
        return new RateLimitWebFilter(limits, new ClientKey(List.of()), KNOWN, PROBLEMS, clock, meterRegistry);
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

    @Test
    void every_spelling_of_a_feeds_path_that_a_router_could_read_as_the_feed_counts_as_one() {
        for (String path : List.of("/api/feed", "/api/f%65ed", "/api/feed;x=1", "/api//feed", "/api/feed/", "/API/Feed",
                "/api/./feed", "/api/x/../feed", "/api%2Ffeed", "/api/consultations/c-1/feed", "/api/consultations/c-1;v=1//f%65ed/",
                "/api//consultations/c%2D1/feed;x")) {
            assertThat(FeedConnectionLimitWebFilter.isFeed(RequestPath.parse(URI.create(path), null))).as(path).isTrue();
        }
        for (String path : List.of("/api/feeds", "/api/consultations/c-1/feed.atom", "/api/consultations/feed", "/api/feed/x",
                "/feed", "/api/consultations/c-1/amendments/feed")) {
            assertThat(FeedConnectionLimitWebFilter.isFeed(RequestPath.parse(URI.create(path), null))).as(path).isFalse();
        }
    }

    @Test
    void a_head_request_for_a_feed_counts_too_since_the_query_side_streams_it_to_compute_nothing() {
        FeedConnectionLimitWebFilter limit = new FeedConnectionLimitWebFilter(LIMITS, new ClientKey(List.of()), PROBLEMS, meterRegistry);
        limit.filter(feed("/api/f%65ed"), exchange -> Sinks.<Void>empty().asMono()).subscribe();
        limit.filter(MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.HEAD, URI.create("/api//feed"))
                .header("Authorization", "Bearer one")), exchange -> Sinks.<Void>empty().asMono()).subscribe();

        MockServerWebExchange third = feed("/api/feed;x=1");
        limit.filter(third, exchange -> Mono.empty()).block();
        assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    private double refusals(String limit) {
        return meterRegistry.get("concord.ratelimit.refusals").tag("limit", limit).counter().count();
    }

    private static MockServerWebExchange feed(String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create(path)).header("Authorization", "Bearer one"));
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
