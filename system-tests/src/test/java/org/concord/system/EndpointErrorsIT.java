package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.system.ConcordApi.json;

/**
 * Every write endpoint from one table: anonymous is 401, a caller without the role is 403, an unknown
 * consultation or amendment is 404, and each of these is problem+json. The 400 and 409 answers of
 * each endpoint are exercised by LifecycleIT and ParticipantsIT.
 */
class EndpointErrorsIT {

    private static ConcordApi api;
    private static Map<String, String> tokens;
    private static String consultation;
    private static String amendment;

    /** One write endpoint: who may call it, and a body it accepts. */
    record Endpoint(HttpMethod method, String path, String allowedRole, String forbiddenRole, Object body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Endpoint> endpoints() {
        Map<String, Object> amendmentBody = Map.of("kind", "DELETE", "provisionId", "p", "baseVersion", 1, "justification", "j");
        return Stream.of(
                new Endpoint(HttpMethod.POST, "/api/participants/{c}/revoke", "admin", "drafter", null),
                new Endpoint(HttpMethod.POST, "/api/consultations/{c}/rounds", "drafter", "participant",
                        Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString())),
                new Endpoint(HttpMethod.POST, "/api/consultations/{c}/rounds/current/close", "drafter", "participant", null),
                new Endpoint(HttpMethod.POST, "/api/consultations/{c}/revisions", "drafter", "participant",
                        Map.of("baseVersion", 1, "reason", "r", "changes", List.of(Map.of("kind", "DELETE", "provisionId", "p")))),
                new Endpoint(HttpMethod.POST, "/api/consultations/{c}/adopt", "drafter", "participant", null),
                new Endpoint(HttpMethod.POST, "/api/consultations/{c}/endorsements", "participant", "observer", null),
                new Endpoint(HttpMethod.POST, "/api/consultations/{c}/amendments", "participant", "observer", amendmentBody),
                new Endpoint(HttpMethod.POST, "/api/consultations/{c}/amendments/{a}/support", "participant", "drafter", null),
                new Endpoint(HttpMethod.DELETE, "/api/consultations/{c}/amendments/{a}/support", "participant", "drafter", null),
                new Endpoint(HttpMethod.POST, "/api/consultations/{c}/amendments/{a}/withdraw", "participant", "drafter", null),
                new Endpoint(HttpMethod.POST, "/api/consultations/{c}/amendments/{a}/accept", "drafter", "participant",
                        Map.of("reason", "r")),
                new Endpoint(HttpMethod.POST, "/api/consultations/{c}/amendments/{a}/reject", "drafter", "participant",
                        Map.of("reason", "r")),
                new Endpoint(HttpMethod.POST, "/api/consultations/{c}/comments", "participant", "observer",
                        Map.of("body", "b", "attribution", "ATTRIBUTED")));
    }

    @BeforeAll
    static void setUp() {
        api = new ConcordApi(ConcordProcesses.shared());
        tokens = Map.of("admin", ConcordApi.ADMIN,
                "drafter", api.registerToken("Errors Secretariat", "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER"),
                "participant", api.registerToken("Errors Delegation", "STATE", "NO", "PARTICIPANT"),
                "observer", api.registerToken("Errors Gazette", "COMPANY", "SE", "OBSERVER"));
        JsonNode created = json(api.createConsultation(tokens.get("drafter"), "Errors", "PUBLIC"), 201);
        consultation = created.get("consultationId").asText();
        json(api.post(tokens.get("drafter"), "/api/consultations/{c}/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString()), consultation), 201);
        JsonNode detail = json(api.get(null, "/api/consultations/{c}?minPosition=" + created.get("position").asLong(),
                consultation), 200);
        String provision = detail.at("/provisions/0/provisionId").asText();
        amendment = json(api.post(tokens.get("participant"), "/api/consultations/{c}/amendments",
                Map.of("kind", "REPLACE", "provisionId", provision, "baseVersion", 1, "text", "t", "justification", "j"),
                consultation), 201).get("amendmentId").asText();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anonymous_callers_get_401(Endpoint endpoint) {
        problem(call(endpoint, null, consultation, amendment), 401);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void callers_without_the_role_get_403(Endpoint endpoint) {
        problem(call(endpoint, tokens.get(endpoint.forbiddenRole()), consultation, amendment), 403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void an_unknown_id_gets_404(Endpoint endpoint) {
        boolean namesAnAmendment = endpoint.path().contains("{a}");
        String unknownConsultation = namesAnAmendment ? consultation : "no-such-id";
        String unknownAmendment = namesAnAmendment ? "no-such-amendment" : amendment;
        problem(call(endpoint, tokens.get(endpoint.allowedRole()), unknownConsultation, unknownAmendment), 404);
    }

    private static WebTestClient.ResponseSpec call(Endpoint endpoint, String token, String c, String a) {
        String path = endpoint.path().replace("{c}", c).replace("{a}", a);
        WebTestClient.RequestBodySpec request = api.http.method(endpoint.method()).uri(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(token));
        }
        return endpoint.body() == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(endpoint.body()).exchange();
    }

    private static void problem(WebTestClient.ResponseSpec response, int status) {
        JsonNode problem = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
    }
}
