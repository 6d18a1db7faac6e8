package org.concord.web.identity;

import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CallerIdentityWebFilterTest {

    private static final String SECRET = "filter-test-internal-secret";
    private static final CallerIdentity DRAFTER = new CallerIdentity("d-1", "Secretariat", null, null, "Secretariat", Set.of("DRAFTER"));
    private static final int MAX_BODY_BYTES = 1024;

    private final CallerIdentityCodec codec = new CallerIdentityCodec(SECRET, new JsonMapper(), Clock.systemUTC());
    private final EchoController controller = new EchoController();
    private final WebTestClient service = WebTestClient.bindToController(controller)
            .webFilter(new CallerIdentityWebFilter(codec, new ProblemDetailsExceptionHandler(new JsonMapper()), MAX_BODY_BYTES))
            .build();
    private final WebTestClient throughGateway = service.mutate().filter(CallerHeaderSigning.as(codec, DRAFTER)).build();

    @Test
    void a_signed_request_reaches_the_handler_with_its_caller_and_its_body_intact() {
        throughGateway.post().uri("/things?draft=true").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Geneva"))
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("d-1 {\"name\":\"Geneva\"}");
    }

    @Test
    void a_signed_event_stream_still_streams() {
        throughGateway.get().uri("/events").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk().expectBody(String.class).value(body -> assertThat(body).contains("data:one", "data:two"));
    }

    @Test
    void a_header_replayed_on_another_path_or_a_second_time_is_401() {
        AtomicReference<String> captured = new AtomicReference<>();
        service.mutate().filter(CallerHeaderSigning.with(request -> {
                    captured.set(codec.encode(DRAFTER, request));
                    return captured.get();
                })).build()
                .get().uri("/whoami").exchange().expectStatus().isOk();

        service.get().uri("/whoami").header(CallerIdentityCodec.HEADER, captured.get()).exchange()
                .expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        service.get().uri("/events").header(CallerIdentityCodec.HEADER, codec.encode(DRAFTER,
                        SignedRequest.withoutBody("GET", java.net.URI.create("/whoami"))))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void a_body_over_the_limit_is_413_before_any_handler() {
        throughGateway.post().uri("/things").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "x".repeat(2 * MAX_BODY_BYTES)))
                .exchange().expectStatus().isEqualTo(413).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(controller.posted).hasValue(null);
    }

    @Test
    void without_a_header_the_caller_is_anonymous() {
        service.get().uri("/whoami").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("anonymous");
    }

    @RestController
    static class EchoController {

        final AtomicReference<String> posted = new AtomicReference<>();

        @PostMapping("/things")
        String post(ServerWebExchange exchange, @RequestBody String body) {
            posted.set(body);
            return caller(exchange).participantId() + " " + body;
        }

        @GetMapping("/whoami")
        String whoami(ServerWebExchange exchange) {
            CallerIdentity caller = caller(exchange);
            return caller.isAnonymous() ? "anonymous" : caller.participantId();
        }

        @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
        Flux<String> events() {
            return Flux.just("one", "two");
        }

        private static CallerIdentity caller(ServerWebExchange exchange) {
            return exchange.getAttributeOrDefault(CallerIdentityWebFilter.ATTRIBUTE, CallerIdentity.ANONYMOUS);
        }
    }
}
