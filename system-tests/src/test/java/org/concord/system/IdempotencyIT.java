package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Idempotency-Key} on POST (API.md), through the gateway. */
class IdempotencyIT {

    private static WebTestClient http;

    @BeforeAll
    static void startConcord() {
        http = new ConcordApi(ConcordProcesses.shared()).http;
    }

    @Test
    void a_registration_retried_with_the_same_key_returns_the_first_answer_and_registers_once() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = registration("Idempotent Republic");

        EntityExchangeResult<JsonNode> first = register(key, body).expectStatus().isCreated()
                .expectHeader().doesNotExist("Idempotency-Replayed")
                .expectBody(JsonNode.class).returnResult();
        EntityExchangeResult<JsonNode> retry = register(key, body).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotency-Replayed", "true")
                .expectBody(JsonNode.class).returnResult();

        JsonNode registered = first.getResponseBody();
        assertThat(retry.getResponseBody().get("participantId").asText()).isEqualTo(registered.get("participantId").asText());
        assertThat(retry.getResponseBody().get("position").asLong()).isEqualTo(registered.get("position").asLong());
        // the answer kept for retries holds no token (issue #18): it was shown once, to the first request
        assertThat(retry.getResponseBody().has("token")).isFalse();
        assertThat(retry.getResponseBody().get("tokenWithheld").asBoolean()).isTrue();
        assertThat(retry.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());

        JsonNode participants = http.get().uri("/api/participants?minPosition={p}", registered.get("position").asLong())
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        long listed = participants.findValuesAsText("organisation").stream()
                .filter("Idempotent Republic"::equals).count();
        assertThat(listed).isEqualTo(1);
    }

    @Test
    void the_same_key_with_a_different_body_is_422() {
        String key = UUID.randomUUID().toString();
        register(key, registration("First Body Kingdom")).expectStatus().isCreated();

        register(key, registration("Second Body Kingdom"))
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT.value())
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private static WebTestClient.ResponseSpec register(String key, Map<String, Object> body) {
        return http.post().uri("/api/participants")
                .header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ConcordApi.ADMIN))
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static Map<String, Object> registration(String organisation) {
        return Map.of("organisation", organisation, "stakeholderType", "STATE", "country", "IS",
                "displayName", "Delegation of " + organisation, "roles", List.of("PARTICIPANT"));
    }
}
