package org.concord.web.idempotency;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.concord.testing.MovableClock;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(MongoDbExtension.class)
class IdempotencyWebFilterTest {

    private static final Duration ABANDON_AFTER = Duration.ofSeconds(60);
    private static final IdempotencyProperties PROPERTIES =
            new IdempotencyProperties(ABANDON_AFTER, Duration.ofHours(24), Duration.ofMinutes(10));
    private static final int MAX_BODY_BYTES = 4096;
    private static final String CALLER_HEADER = "X-Test-Caller";

    private final MovableClock clock = new MovableClock();
    private final ThingController controller = new ThingController();
    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    private MongoClient client;
    private MongoDatabase database;
    private IdempotencyKeyStore store;
    private WebTestClient http;

    @BeforeEach
    void setUp(TestMongoDatabase testDatabase) {
        client = MongoClients.create(testDatabase.uri());
        database = client.getDatabase(testDatabase.name());
        store = new IdempotencyKeyStore(database);
        IdempotencyWebFilter idempotency = new IdempotencyWebFilter(store,
                new ProblemDetailsExceptionHandler(new JsonMapper()), ABANDON_AFTER, MAX_BODY_BYTES, clock,
                meterRegistry);
        http = WebTestClient.bindToController(controller)
                .webFilter(callerFromTestHeader(), idempotency)
                .configureClient().responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void a_retry_with_the_same_key_and_body_returns_the_first_answer_and_runs_the_handler_once() {
        EntityExchangeResult<byte[]> first = post("alice", "key-1", "Geneva").expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyWebFilter.REPLAYED_HEADER)
                .expectBody().returnResult();
        assertThat(replays()).isZero();

        EntityExchangeResult<byte[]> retry = post("alice", "key-1", "Geneva").expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotencyWebFilter.REPLAYED_HEADER, "true")
                .expectBody().returnResult();

        assertThat(controller.calls).hasValue(1);
        assertThat(replays()).as("replays counted").isEqualTo(1);
        assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());
        assertThat(new String(retry.getResponseBody())).contains("\"thingId\":\"thing-1\"", "\"name\":\"Geneva\"");
        assertThat(retry.getResponseHeaders().getLocation()).isEqualTo(URI.create("/things/thing-1"));
        assertThat(retry.getResponseHeaders().getContentType()).isEqualTo(first.getResponseHeaders().getContentType());
    }

    @Test
    void the_same_key_with_another_body_is_422_and_runs_nothing() {
        post("alice", "key-1", "Geneva").expectStatus().isCreated();

        post("alice", "key-1", "Vienna").expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value())
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:concord:problem:idempotency-key-reused");

        assertThat(controller.calls).hasValue(1);
        assertThat(replays()).as("a refused reuse is no replay").isZero();
    }

    private double replays() {
        return meterRegistry.get("concord.idempotency.replays").counter().count();
    }

    @Test
    void the_same_key_on_another_path_is_422() {
        post("alice", "key-1", "Geneva").expectStatus().isCreated();

        http.post().uri("/other-things").header(CALLER_HEADER, "alice").header(IdempotencyWebFilter.HEADER, "key-1")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Geneva")).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value());
    }

    @Test
    void the_same_key_from_another_caller_is_another_key() {
        post("alice", "key-1", "Geneva").expectStatus().isCreated()
                .expectBody().jsonPath("$.thingId").isEqualTo("thing-1");
        post("bob", "key-1", "Geneva").expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyWebFilter.REPLAYED_HEADER)
                .expectBody().jsonPath("$.thingId").isEqualTo("thing-2");
        post(null, "key-1", "Geneva").expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyWebFilter.REPLAYED_HEADER)
                .expectBody().jsonPath("$.thingId").isEqualTo("thing-3");
        post(null, "key-1", "Geneva").expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotencyWebFilter.REPLAYED_HEADER, "true")
                .expectBody().jsonPath("$.thingId").isEqualTo("thing-3");

        assertThat(controller.calls).hasValue(3);
    }

    @Test
    void a_duplicate_while_the_first_is_in_progress_is_409_and_a_retry_after_it_answered_gets_its_answer() {
        Sinks.Empty<Void> gate = controller.holdAnswers();
        CompletableFuture<EntityExchangeResult<byte[]>> first = CompletableFuture.supplyAsync(() ->
                post("alice", "key-1", "Geneva").expectStatus().isCreated().expectBody().returnResult());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(controller.calls).hasValue(1));

        post("alice", "key-1", "Geneva").expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:concord:problem:idempotency-key-in-progress");

        gate.tryEmitEmpty();
        byte[] firstBody = first.join().getResponseBody();
        byte[] retryBody = post("alice", "key-1", "Geneva").expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotencyWebFilter.REPLAYED_HEADER, "true")
                .expectBody().returnResult().getResponseBody();
        assertThat(retryBody).isEqualTo(firstBody);
        assertThat(controller.calls).hasValue(1);
    }

    @Test
    void a_claim_abandoned_for_longer_than_the_abandonment_time_is_taken_over_and_the_stale_attempt_keeps_nothing() {
        Sinks.Empty<Void> gate = controller.holdAnswers();
        CompletableFuture<EntityExchangeResult<byte[]>> stale = CompletableFuture.supplyAsync(() ->
                post("alice", "key-1", "Geneva").expectStatus().isCreated().expectBody().returnResult());
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(controller.calls).hasValue(1));
        controller.answerAtOnce();
        clock.advance(ABANDON_AFTER.plusSeconds(1));

        post("alice", "key-1", "Geneva").expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyWebFilter.REPLAYED_HEADER)
                .expectBody().jsonPath("$.thingId").isEqualTo("thing-2");
        gate.tryEmitEmpty();
        stale.join();

        post("alice", "key-1", "Geneva").expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotencyWebFilter.REPLAYED_HEADER, "true")
                .expectBody().jsonPath("$.thingId").isEqualTo("thing-2");
        assertThat(controller.calls).hasValue(2);
    }

    @Test
    void a_first_attempt_answered_with_a_5xx_can_be_retried() {
        controller.failWith(HttpStatus.SERVICE_UNAVAILABLE);
        post("alice", "key-1", "Geneva").expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        controller.failWith(null);
        post("alice", "key-1", "Geneva").expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyWebFilter.REPLAYED_HEADER)
                .expectBody().jsonPath("$.thingId").isEqualTo("thing-2");
        assertThat(controller.calls).hasValue(2);
    }

    @Test
    void a_first_attempt_that_ends_in_an_error_can_be_retried() {
        controller.throwOnce();
        post("alice", "key-1", "Geneva").expectStatus().is5xxServerError();

        post("alice", "key-1", "Geneva").expectStatus().isCreated()
                .expectBody().jsonPath("$.thingId").isEqualTo("thing-2");
        assertThat(controller.calls).hasValue(2);
    }

    @Test
    void a_4xx_answer_is_kept_and_replayed_like_any_other() {
        controller.failWith(HttpStatus.CONFLICT);
        post("alice", "key-1", "Geneva").expectStatus().isEqualTo(HttpStatus.CONFLICT);

        controller.failWith(null);
        post("alice", "key-1", "Geneva").expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().valueEquals(IdempotencyWebFilter.REPLAYED_HEADER, "true");
        assertThat(controller.calls).hasValue(1);
    }

    @Test
    void a_request_without_the_header_is_untouched() {
        post("alice", null, "Geneva").expectStatus().isCreated()
                .expectBody().jsonPath("$.thingId").isEqualTo("thing-1");
        post("alice", null, "Geneva").expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyWebFilter.REPLAYED_HEADER)
                .expectBody().jsonPath("$.thingId").isEqualTo("thing-2");

        assertThat(controller.calls).hasValue(2);
        assertThat(database.getCollection(IdempotencyKeyStore.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void an_invalid_key_is_400_naming_the_header_and_runs_nothing() {
        for (String invalid : new String[]{"x".repeat(IdempotencyWebFilter.MAX_KEY_LENGTH + 1), "clé-1", "tab\there"}) {
            post("alice", invalid, "Geneva").expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(IdempotencyWebFilter.HEADER);
        }
        http.post().uri("/things").header(IdempotencyWebFilter.HEADER, "a", "b")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Geneva")).exchange()
                .expectStatus().isBadRequest();

        post("alice", "x".repeat(IdempotencyWebFilter.MAX_KEY_LENGTH), "Geneva").expectStatus().isCreated();
        assertThat(controller.calls).hasValue(1);
    }

    @Test
    void a_body_larger_than_the_codec_limit_is_413_and_runs_nothing() {
        post("alice", "key-1", "x".repeat(MAX_BODY_BYTES)).expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE.value())
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        assertThat(controller.calls).hasValue(0);
        assertThat(database.getCollection(IdempotencyKeyStore.COLLECTION).countDocuments()).isZero();
    }

    @Test
    void a_key_older_than_the_keep_time_is_forgotten_by_the_cleanup() {
        post("alice", "key-1", "Geneva").expectStatus().isCreated();
        IdempotencyKeyCleanup cleanup = new IdempotencyKeyCleanup(store, PROPERTIES, clock);
        assertThat(cleanup.deleteExpired()).isZero();

        clock.advance(PROPERTIES.keep().plusSeconds(1));
        assertThat(cleanup.deleteExpired()).isEqualTo(1);

        post("alice", "key-1", "Geneva").expectStatus().isCreated()
                .expectHeader().doesNotExist(IdempotencyWebFilter.REPLAYED_HEADER)
                .expectBody().jsonPath("$.thingId").isEqualTo("thing-2");
    }

    @Test
    void a_field_marked_as_a_credential_is_answered_once_kept_nowhere_and_a_retry_is_told_it_was_withheld() {
        EntityExchangeResult<byte[]> first = postSecret("key-1").expectStatus().isCreated().expectBody().returnResult();
        EntityExchangeResult<byte[]> retry = postSecret("key-1").expectStatus().isCreated()
                .expectHeader().valueEquals(IdempotencyWebFilter.REPLAYED_HEADER, "true")
                .expectBody()
                .jsonPath("$.thingId").isEqualTo("thing-1")
                .jsonPath("$.secret").doesNotExist()
                .jsonPath("$.secretWithheld").isEqualTo(true)
                .returnResult();

        assertThat(new String(first.getResponseBody())).contains("\"secret\":\"secret-of-thing-1\"");
        assertThat(retry.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(controller.calls).hasValue(1);
        for (Document key : database.getCollection(IdempotencyKeyStore.COLLECTION).find()) {
            byte[] kept = key.get("response", Document.class).get("body", Binary.class).getData();
            assertThat(new String(kept, StandardCharsets.UTF_8)).doesNotContain("secret-of-thing-1").contains("\"secretWithheld\":true");
        }
    }

    private WebTestClient.ResponseSpec postSecret(String key) {
        return http.post().uri("/secret-things")
                .header(CALLER_HEADER, "alice")
                .header(IdempotencyWebFilter.HEADER, key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Geneva"))
                .exchange();
    }

    private WebTestClient.ResponseSpec post(String caller, String key, String name) {
        return http.post().uri("/things")
                .headers(headers -> {
                    if (caller != null) {
                        headers.set(CALLER_HEADER, caller);
                    }
                    if (key != null) {
                        headers.set(IdempotencyWebFilter.HEADER, key);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name))
                .exchange();
    }

    /** Stands in for the caller identity filter: the caller is named by a test header, else anonymous. */
    private static WebFilter callerFromTestHeader() {
        return (exchange, chain) -> {
            String name = exchange.getRequest().getHeaders().getFirst(CALLER_HEADER);
            CallerIdentity caller = name == null ? CallerIdentity.ANONYMOUS
                    : new CallerIdentity(name, name + " organisation", "STATE", null, name, Set.of("PARTICIPANT"));
            exchange.getAttributes().put(CallerIdentity.class.getName(), caller);
            return chain.filter(exchange);
        };
    }

    /** Creates things like a command controller: 201, Location, JSON; counts how often it ran. */
    @RestController
    static class ThingController {

        final AtomicInteger calls = new AtomicInteger();
        private volatile Sinks.Empty<Void> gate;
        private volatile HttpStatus failure;
        private volatile boolean throwNext;

        Sinks.Empty<Void> holdAnswers() {
            gate = Sinks.empty();
            return gate;
        }

        void answerAtOnce() {
            gate = null;
        }

        void failWith(HttpStatus status) {
            failure = status;
        }

        void throwOnce() {
            throwNext = true;
        }

        @PostMapping(path = "/secret-things", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
        Mono<ResponseEntity<Map<String, Object>>> createWithSecret(@RequestBody Map<String, Object> body, ServerWebExchange exchange) {
            String thingId = "thing-" + calls.incrementAndGet();
            IdempotentRequest.withholdFromRetries(exchange, "secret");
            return Mono.just(ResponseEntity.created(URI.create("/things/" + thingId))
                    .body(Map.of("thingId", thingId, "secret", "secret-of-" + thingId)));
        }

        @PostMapping(path = {"/things", "/other-things"}, consumes = MediaType.APPLICATION_JSON_VALUE,
                produces = MediaType.APPLICATION_JSON_VALUE)
        Mono<ResponseEntity<Map<String, Object>>> create(@RequestBody Map<String, Object> body) {
            String thingId = "thing-" + calls.incrementAndGet();
            if (throwNext) {
                throwNext = false;
                return Mono.error(new IllegalStateException("the command failed"));
            }
            HttpStatus status = failure;
            Sinks.Empty<Void> waitFor = gate;
            return (waitFor == null ? Mono.<Void>empty() : waitFor.asMono()).then(Mono.fromSupplier(() -> status == null
                    ? ResponseEntity.created(URI.create("/things/" + thingId))
                            .<Map<String, Object>>body(Map.of("thingId", thingId, "name", body.get("name")))
                    : ResponseEntity.status(status).<Map<String, Object>>body(Map.of("error", status.value()))));
        }
    }
}
