package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The first slice of API.md, driven over real HTTP through the gateway into the three running services. */
class ConsultationSliceIT {

    private static ConcordApi api;
    private static WebTestClient http;
    private static String drafter;
    private static String participantToken;
    private static String observerToken;

    @BeforeAll
    static void startConcord() {
        api = new ConcordApi(ConcordProcesses.shared());
        http = api.http;
        drafter = ConcordApi.bearer(api.registerToken("Secretariat", "INTERNATIONAL_ORGANISATION", "GB", "DRAFTER"));
        participantToken = api.registerToken("Access Now", "NGO", "BE", "PARTICIPANT");
        observerToken = api.registerToken("The Record", "COMPANY", "US", "OBSERVER");
    }

    @Test
    void a_read_that_waits_for_a_position_never_reached_answers_after_the_wait_saying_so() {
        http.get().uri("/api/consultations?minPosition={p}", Long.MAX_VALUE / 2)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Concord-Caught-Up", "false");
    }

    @Test
    void a_created_consultation_is_read_back_through_the_gateway_once_its_position_is_projected() {
        JsonNode created = http.post().uri("/api/consultations")
                .header(HttpHeaders.AUTHORIZATION, drafter)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ConcordApi.consultation("Code of Practice for States", "PUBLIC"))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueMatches(HttpHeaders.LOCATION, "/api/consultations/[0-9a-f-]{36}")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String id = created.get("consultationId").asText();
        long position = created.get("position").asLong();
        assertThat(created.get("version").asInt()).isEqualTo(1);
        assertThat(position).isNotNegative();

        JsonNode read = http.get().uri("/api/consultations/{id}?minPosition={p}", id, position)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Concord-Caught-Up", "true")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(read.get("title").asText()).isEqualTo("Code of Practice for States");
        assertThat(read.get("status").asText()).isEqualTo("DRAFT");
        assertThat(read.get("visibility").asText()).isEqualTo("PUBLIC");
        assertThat(read.get("version").asInt()).isEqualTo(1);
        assertThat(read.get("proposer").get("organisation").asText()).isEqualTo("Secretariat");
        assertThat(read.get("proposer").get("stakeholderType").asText()).isEqualTo("INTERNATIONAL_ORGANISATION");
        assertThat(read.get("round").isNull()).isTrue();
        List<String> labels = new ArrayList<>();
        read.get("provisions").forEach(p -> {
            labels.add(p.get("label").asText());
            assertThat(p.get("provisionId").asText()).isNotBlank();
        });
        assertThat(labels).containsExactly("1", "2", "2.a");

        JsonNode list = http.get().uri("/api/consultations")
                .header("X-Concord-Min-Position", Long.toString(position))
                .exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(list.findValuesAsText("consultationId")).contains(id);
    }

    @Test
    void the_list_gives_each_consultation_its_deadline_and_how_many_comments_and_amendments_it_has() {
        String drafterToken = drafter.substring("Bearer ".length());
        JsonNode created = ConcordApi.json(api.createConsultation(drafterToken, "Counted consultation", "PUBLIC"), 201);
        String id = created.get("consultationId").asText();
        JsonNode detail = ConcordApi.json(api.get(null, "/api/consultations/{id}?minPosition={p}", id, created.get("position").asLong()), 200);
        String provision = detail.at("/provisions/0/provisionId").asText();
        Instant deadline = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
        ConcordApi.json(api.post(drafterToken, "/api/consultations/{id}/rounds", Map.of("deadline", deadline.toString()), id), 201);
        ConcordApi.json(api.post(participantToken, "/api/consultations/{id}/amendments", Map.of("kind", "DELETE",
                "provisionId", provision, "baseVersion", 1, "justification", "Redundant"), id), 201);
        JsonNode comment = ConcordApi.json(api.post(participantToken, "/api/consultations/{id}/comments", Map.of("provisionId", provision,
                "body", "Why?", "attribution", "ATTRIBUTED"), id), 201);
        long last = ConcordApi.json(api.post(participantToken, "/api/consultations/{id}/comments", Map.of("replyTo",
                comment.get("commentId").asText(), "body", "Because", "attribution", "CHATHAM_HOUSE"), id), 201).get("position").asLong();

        JsonNode list = ConcordApi.json(api.get(null, "/api/consultations?minPosition={p}", last), 200);
        JsonNode item = null;
        for (JsonNode candidate : list) {
            if (candidate.get("consultationId").asText().equals(id)) {
                item = candidate;
            }
        }
        assertThat(item).isNotNull();
        assertThat(Instant.parse(item.get("deadline").asText())).isEqualTo(deadline);
        assertThat(item.get("comments").asLong()).isEqualTo(2);
        assertThat(item.get("amendments").asLong()).isEqualTo(1);
        assertThat(list.findValues("deadline")).anySatisfy(value -> assertThat(value.isNull()).isTrue());
    }

    @Test
    void a_restricted_consultation_does_not_exist_for_anonymous_readers() {
        JsonNode created = http.post().uri("/api/consultations")
                .header(HttpHeaders.AUTHORIZATION, drafter)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ConcordApi.consultation("Restricted annex", "RESTRICTED"))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String id = created.get("consultationId").asText();
        long position = created.get("position").asLong();

        http.get().uri("/api/consultations/{id}?minPosition={p}", id, position).exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode anonymousList = http.get().uri("/api/consultations").exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(anonymousList.findValuesAsText("consultationId")).doesNotContain(id);
        http.get().uri("/api/consultations/{id}", id).header(HttpHeaders.AUTHORIZATION, drafter).exchange()
                .expectStatus().isOk();
        http.get().uri("/api/consultations/{id}", id).header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(participantToken))
                .exchange().expectStatus().isOk();
        http.get().uri("/api/consultations/{id}", id).header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(observerToken))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void a_participant_proposes_a_consultation_as_proposed() {
        JsonNode created = api.createConsultation(participantToken, "A proposal from civil society", "PUBLIC")
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        http.get().uri("/api/consultations/{id}?minPosition={p}", created.get("consultationId").asText(),
                        created.get("position").asLong())
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("PROPOSED")
                .jsonPath("$.proposer.organisation").isEqualTo("Access Now")
                .jsonPath("$.proposer.stakeholderType").isEqualTo("NGO");
    }

    @Test
    void observers_and_the_administrator_may_not_create_consultations() {
        api.createConsultation(observerToken, "Observed", "PUBLIC").expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.createConsultation(ConcordApi.ADMIN, "Administered", "PUBLIC").expectStatus().isForbidden();
    }

    @Test
    void a_write_without_a_token_is_401_problem_json_even_with_a_forged_caller_header() {
        http.post().uri("/api/consultations")
                .header("X-Concord-Caller", "eyJjYWxsZXIiOnt9fQ.Zm9yZ2Vk")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ConcordApi.consultation("Forged", "PUBLIC"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    @Test
    void a_wrong_token_is_401() {
        http.get().uri("/api/consultations").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void bad_input_is_400_with_an_error_per_field_and_records_nothing() {
        http.post().uri("/api/consultations")
                .header(HttpHeaders.AUTHORIZATION, drafter)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", " ", "visibility", "PUBLIC",
                        "provisions", List.of(Map.of("label", "1", "text", ""))))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'title')]").exists()
                .jsonPath("$.errors[?(@.field == 'provisions[0].text')]").exists();

        http.post().uri("/api/consultations")
                .header(HttpHeaders.AUTHORIZATION, drafter)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("title", "Enum", "visibility", "SECRET", "provisions", List.of(Map.of("label", "1", "text", "x"))))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("visibility");

        http.post().uri("/api/consultations")
                .header(HttpHeaders.AUTHORIZATION, drafter)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"title\": ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        http.post().uri("/api/consultations")
                .header(HttpHeaders.AUTHORIZATION, drafter)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("a text")
                .exchange()
                .expectStatus().isEqualTo(415);

        JsonNode list = http.get().uri("/api/consultations").header(HttpHeaders.AUTHORIZATION, drafter).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(list.findValuesAsText("title")).doesNotContain(" ", "Enum");
    }

    @Test
    void an_unknown_consultation_is_404_problem_json() {
        http.get().uri("/api/consultations/does-not-exist").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("No consultation does-not-exist exists.");
    }

    @Test
    void a_min_position_that_is_not_a_number_is_400() {
        http.get().uri("/api/consultations?minPosition=soon").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("minPosition");
    }

    @Test
    void the_gateway_reports_up_on_its_management_port_and_not_on_its_public_one() {
        WebTestClient.bindToServer().baseUrl(ConcordProcesses.shared().gatewayManagement().toString()).build()
                .get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health").exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

}
