package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The participant registry and credentials of API.md, through the gateway. */
class ParticipantsIT {

    private static ConcordApi api;
    private static WebTestClient http;

    @BeforeAll
    static void startConcord() {
        api = new ConcordApi(ConcordProcesses.shared());
        http = api.http;
    }

    @Test
    void a_registered_delegate_authenticates_with_the_token_shown_once_and_is_listed_without_it() {
        JsonNode registered = api.register("France", "STATE", "FR", "PARTICIPANT");
        String token = registered.get("token").asText();
        String participantId = registered.get("participantId").asText();
        assertThat(token).startsWith("cnc_").hasSizeGreaterThan(40);

        http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.participantId").isEqualTo(participantId)
                .jsonPath("$.organisation").isEqualTo("France")
                .jsonPath("$.stakeholderType").isEqualTo("STATE")
                .jsonPath("$.country").isEqualTo("FR")
                .jsonPath("$.displayName").isEqualTo("Delegation of France")
                .jsonPath("$.roles[0]").isEqualTo("PARTICIPANT");

        String list = http.get().uri("/api/participants?minPosition={p}", registered.get("position").asLong()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Concord-Caught-Up", "true")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(list).contains(participantId, "Delegation of France").doesNotContain(token);
    }

    @Test
    void a_retried_registration_is_answered_without_the_token_which_is_kept_nowhere() {
        String key = "participants-it-" + System.nanoTime();
        Map<String, Object> body = Map.of("organisation", "Chile", "stakeholderType", "STATE", "country", "CL",
                "displayName", "Delegation of Chile", "roles", List.of("PARTICIPANT"));
        JsonNode first = register(key, body).expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode retried = register(key, body).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotency-Replayed", "true")
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(first.get("token").asText()).startsWith("cnc_");
        assertThat(retried.get("participantId").asText()).isEqualTo(first.get("participantId").asText());
        assertThat(retried.get("position").asLong()).isEqualTo(first.get("position").asLong());
        assertThat(retried.get("token").isNull()).as("the token is shown once; the answer kept for retries has none").isTrue();
        http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(first.get("token").asText())).exchange()
                .expectStatus().isOk();
    }

    private static WebTestClient.ResponseSpec register(String key, Map<String, Object> body) {
        return http.post().uri("/api/participants").header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ConcordApi.ADMIN))
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @Test
    void a_revoked_token_stops_working_as_soon_as_the_revocation_is_answered() {
        JsonNode registered = api.register("Germany", "STATE", "DE", "PARTICIPANT");
        String token = registered.get("token").asText();
        String participantId = registered.get("participantId").asText();
        http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(token)).exchange()
                .expectStatus().isOk();

        http.post().uri("/api/participants/{id}/revoke", participantId)
                .header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ConcordApi.ADMIN)).exchange()
                .expectStatus().isOk();
        http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        http.post().uri("/api/participants/{id}/revoke", participantId)
                .header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ConcordApi.ADMIN)).exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void only_an_administrator_registers_and_revokes() {
        String participant = api.registerToken("Microsoft", "COMPANY", "US", "PARTICIPANT");
        Map<String, Object> body = Map.of("organisation", "Spyware Inc", "stakeholderType", "COMPANY",
                "displayName", "Self-registered", "roles", List.of("ADMIN"));
        http.post().uri("/api/participants").header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(participant))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isForbidden();
        http.post().uri("/api/participants").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized();
        http.post().uri("/api/participants/{id}/revoke", "anyone")
                .header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(participant)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void revoking_an_unknown_participant_is_404() {
        http.post().uri("/api/participants/{id}/revoke", "no-such-participant")
                .header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ConcordApi.ADMIN)).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void a_registration_with_bad_fields_is_400_naming_each_field() {
        http.post().uri("/api/participants").header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ConcordApi.ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organisation", "", "stakeholderType", "STATE", "country", "France",
                        "displayName", "x", "roles", List.of()))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'organisation')]").exists()
                .jsonPath("$.errors[?(@.field == 'country')]").exists()
                .jsonPath("$.errors[?(@.field == 'roles')]").exists();
        http.post().uri("/api/participants").header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ConcordApi.ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organisation", "Atlantis", "stakeholderType", "EMPIRE",
                        "displayName", "x", "roles", List.of("PARTICIPANT")))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("stakeholderType");
    }

    @Test
    void the_caller_record_needs_a_token() {
        http.get().uri("/api/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void internal_endpoints_are_not_reachable_through_the_gateway() {
        http.get().uri("/internal/credentials/{hash}", "0".repeat(64)).exchange().expectStatus().isNotFound();
    }
}
