package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A client of the running Concord's gateway, with the calls the system tests share. */
final class ConcordApi {

    static final String ADMIN = ConcordProcesses.ADMIN_TOKEN;
    final WebTestClient http;

    ConcordApi(ConcordProcesses concord) {
        this.http = WebTestClient.bindToServer().baseUrl(concord.gateway().toString())
                .responseTimeout(Duration.ofSeconds(20)).build();
    }

    /** Registers a delegate and answers the registration: participantId, token, position. */
    JsonNode register(String organisation, String stakeholderType, String country, String... roles) {
        return http.post().uri("/api/participants")
                .header(HttpHeaders.AUTHORIZATION, bearer(ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organisation", organisation, "stakeholderType", stakeholderType, "country", country,
                        "displayName", "Delegation of " + organisation, "roles", List.of(roles)))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    String registerToken(String organisation, String stakeholderType, String country, String... roles) {
        return register(organisation, stakeholderType, country, roles).get("token").asText();
    }

    WebTestClient.ResponseSpec createConsultation(String token, String title, String visibility) {
        return http.post().uri("/api/consultations")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(consultation(title, visibility))
                .exchange();
    }

    /** A POST with a JSON body (or none when {@code body} is null) by the holder of {@code token} (none when null). */
    WebTestClient.ResponseSpec post(String token, String path, Object body, Object... uriVariables) {
        WebTestClient.RequestBodySpec request = http.post().uri(path, uriVariables);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, bearer(token));
        }
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** A GET by the holder of {@code token} (anonymous when null). */
    WebTestClient.ResponseSpec get(String token, String path, Object... uriVariables) {
        WebTestClient.RequestHeadersSpec<?> request = http.get().uri(path, uriVariables);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, bearer(token));
        }
        return request.exchange();
    }

    /** The JSON answer of a request that must have the given status. */
    static JsonNode json(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static Map<String, Object> consultation(String title, String visibility) {
        return Map.of("title", title,
                "summary", "Voluntary commitments on commercial cyber-intrusion capabilities",
                "visibility", visibility,
                "provisions", List.of(
                        Map.of("label", "1", "text", "States should regulate the sale of intrusion tools."),
                        Map.of("label", "2", "text", "Vendors should assess human-rights risks."),
                        Map.of("label", "2.a", "text", "Assessments should be published.")));
    }
}
