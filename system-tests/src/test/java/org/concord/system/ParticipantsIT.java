package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The participant registry and credentials of API.md, through the gateway. */
class ParticipantsIT {

    private static ConcordProcesses concord;
    private static ConcordApi api;
    private static WebTestClient http;

    @BeforeAll
    static void startConcord() {
        concord = ConcordProcesses.shared();
        api = new ConcordApi(concord);
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
    void a_retried_registration_is_answered_without_the_token_which_is_kept_nowhere() throws IOException {
        String key = "participants-it-" + System.nanoTime();
        Map<String, Object> body = Map.of("organisation", "Chile", "stakeholderType", "STATE", "country", "CL",
                "displayName", "Delegation of Chile", "roles", List.of("PARTICIPANT"));
        EntityExchangeResult<JsonNode> first = register(key, body).expectStatus().isCreated().expectBody(JsonNode.class).returnResult();
        EntityExchangeResult<JsonNode> retried = register(key, body).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotency-Replayed", "true")
                .expectBody(JsonNode.class).returnResult();
        String token = first.getResponseBody().get("token").asText();
        assertThat(token).startsWith("cnc_");

        // nothing Concord keeps holds the token: not the kept answers, not the events (they hold its hash), not a log
        TestMongoDatabase testDatabase = concord.database();
        try (MongoClient mongo = MongoClients.create(testDatabase.uri())) {
            for (String database : mongo.listDatabaseNames()) {
                for (String collection : mongo.getDatabase(database).listCollectionNames()) {
                    for (Document document : mongo.getDatabase(database).getCollection(collection).find()) {
                        assertThat(textOf(document)).as("%s.%s", database, collection).doesNotContain(token);
                    }
                }
            }
            assertThat(mongo.getDatabase(testDatabase.name()).getCollection("events").find().map(ParticipantsIT::textOf))
                    .as("the registration event holds the token's hash").anyMatch(event -> event.contains(sha256(token)));
        }
        for (String process : List.of("command-side", "query-side", "api-gateway", "web-ui")) {
            assertThat(Files.readString(concord.log(process))).as(process + "'s log").doesNotContain(token);
        }

        assertThat(first.getResponseBody().get("tokenWithheld").asBoolean()).isFalse();
        assertThat(retried.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(retried.getResponseBody().get("participantId").asText()).isEqualTo(first.getResponseBody().get("participantId").asText());
        assertThat(retried.getResponseBody().get("position").asLong()).isEqualTo(first.getResponseBody().get("position").asLong());
        assertThat(retried.getResponseBody().has("token")).as("the token is shown once; the answer kept for retries has none").isFalse();
        assertThat(retried.getResponseBody().get("tokenWithheld").asBoolean()).as("the retry is told why it has no token").isTrue();
        http.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(token)).exchange()
                .expectStatus().isOk();
    }

    /** Every string in a stored document, a binary payload read as UTF-8 text. */
    private static String textOf(Object value) {
        if (value instanceof Document document) {
            return document.values().stream().map(ParticipantsIT::textOf).collect(Collectors.joining("\n"));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ParticipantsIT::textOf).collect(Collectors.joining("\n"));
        }
        if (value instanceof Binary binary) {
            return new String(binary.getData(), StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
