package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * A consultation from creation to endorsement through the gateway: rounds, amendments of every kind,
 * supports, decisions of every kind, comments of both attributions, revision, adoption, endorsement,
 * with the 400, 401, 403, 404 and 409 answers of each endpoint.
 */
class LifecycleIT {

    private static ConcordApi api;
    private static String drafter;
    private static String france;
    private static String ngo;
    private static String observer;
    private static String franceParticipantId;
    private static String ngoParticipantId;

    @BeforeAll
    static void register() {
        api = new ConcordApi(ConcordProcesses.shared());
        drafter = api.registerToken("UK-France Secretariat", "INTERNATIONAL_ORGANISATION", "GB", "DRAFTER");
        JsonNode fr = api.register("Republic of France", "STATE", "FR", "PARTICIPANT");
        france = fr.get("token").asText();
        franceParticipantId = fr.get("participantId").asText();
        JsonNode ngoNode = api.register("Digital Rights Watch", "NGO", "AU", "PARTICIPANT");
        ngo = ngoNode.get("token").asText();
        ngoParticipantId = ngoNode.get("participantId").asText();
        observer = api.registerToken("Daily Press", "COMPANY", "DE", "OBSERVER");
    }

    @Test
    void a_consultation_goes_from_draft_to_endorsed_text() {
        JsonNode created = json(api.createConsultation(drafter, "Code of Practice for States", "PUBLIC"), 201);
        String c = created.get("consultationId").asText();
        JsonNode detail = read(null, "/api/consultations/" + c, created);
        String p1 = detail.get("provisions").get(0).get("provisionId").asText();
        String p2 = detail.get("provisions").get(1).get("provisionId").asText();
        String p2a = detail.get("provisions").get(2).get("provisionId").asText();

        // rounds
        String rounds = "/api/consultations/{id}/rounds";
        Map<String, Object> inAnHour = Map.of("deadline", Instant.now().plus(Duration.ofHours(1)).toString());
        api.post(null, rounds, inAnHour, c).expectStatus().isUnauthorized();
        api.post(france, rounds, inAnHour, c).expectStatus().isForbidden();
        api.post(drafter, rounds, inAnHour, "no-such-consultation").expectStatus().isNotFound();
        problem(api.post(drafter, rounds, Map.of("deadline", "2020-01-01T00:00:00Z"), c), 400, "deadline");
        problem(api.post(drafter, rounds, Map.of("deadline", "next tuesday"), c), 400, "deadline");
        JsonNode opened = json(api.post(drafter, rounds, inAnHour, c), 201);
        assertThat(opened.get("round").asInt()).isEqualTo(1);
        api.post(drafter, rounds, inAnHour, c).expectStatus().isEqualTo(409);
        detail = read(null, "/api/consultations/" + c, opened);
        assertThat(detail.get("status").asText()).isEqualTo("OPEN");
        assertThat(detail.at("/round/number").asInt()).isEqualTo(1);
        assertThat(detail.at("/round/status").asText()).isEqualTo("OPEN");

        // amendments of every kind
        String amendments = "/api/consultations/{id}/amendments";
        Map<String, Object> replace = amendment("REPLACE", p1, 1, "States shall regulate the sale of intrusion tools.", null);
        api.post(observer, amendments, replace, c).expectStatus().isForbidden();
        api.post(drafter, amendments, replace, c).expectStatus().isForbidden();
        api.post(null, amendments, replace, c).expectStatus().isUnauthorized();
        api.post(france, amendments, replace, "no-such-consultation").expectStatus().isNotFound();
        problem(api.post(france, amendments, amendment("REWRITE", p1, 1, "x", null), c), 400, "kind");
        problem(api.post(france, amendments, amendment("REPLACE", "no-such-provision", 1, "x", null), c), 400, "provisionId");
        problem(api.post(france, amendments, amendment("REPLACE", p1, 9, "x", null), c), 400, "baseVersion");
        problem(api.post(france, amendments, Map.of("kind", "REPLACE", "provisionId", p1, "baseVersion", 1, "text", "x"), c),
                400, "justification");
        String a1 = json(api.post(france, amendments, replace, c), 201).get("amendmentId").asText();
        String a2 = json(api.post(france, amendments,
                amendment("REPLACE", p1, 1, "States may regulate intrusion tools.", null), c), 201).get("amendmentId").asText();
        String a3 = json(api.post(ngo, amendments,
                amendment("INSERT_AFTER", p2, 1, "Vendors should publish transparency reports.", "2.b"), c), 201)
                .get("amendmentId").asText();
        String a4 = json(api.post(ngo, amendments, amendment("DELETE", p2a, 1, null, null), c), 201).get("amendmentId").asText();

        // supports
        String support = "/api/consultations/{id}/amendments/{aid}/support";
        api.post(ngo, support, null, c, a1).expectStatus().isOk();
        api.post(france, support, null, c, a1).expectStatus().isForbidden();
        api.post(ngo, support, null, c, a1).expectStatus().isEqualTo(409);
        api.post(ngo, support, null, c, "no-such-amendment").expectStatus().isNotFound();
        api.post(observer, support, null, c, a1).expectStatus().isForbidden();
        api.http.delete().uri(support, c, a1).header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ngo)).exchange()
                .expectStatus().isOk();
        api.http.delete().uri(support, c, a1).header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ngo)).exchange()
                .expectStatus().isEqualTo(409);
        JsonNode supported = json(api.post(ngo, support, null, c, a1), 200);

        // withdrawal by the author only
        String withdraw = "/api/consultations/{id}/amendments/{aid}/withdraw";
        api.post(france, withdraw, null, c, a4).expectStatus().isForbidden();
        api.post(ngo, withdraw, null, c, a4).expectStatus().isOk();
        api.post(ngo, withdraw, null, c, a4).expectStatus().isEqualTo(409);

        // comments of both attributions, a reply, and the masking of Chatham House
        String comments = "/api/consultations/{id}/comments";
        Map<String, Object> chatham = Map.of("provisionId", p1, "body", "Regulation must cover brokers too.",
                "attribution", "CHATHAM_HOUSE");
        api.post(observer, comments, chatham, c).expectStatus().isForbidden();
        api.post(null, comments, chatham, c).expectStatus().isUnauthorized();
        problem(api.post(ngo, comments, Map.of("body", "x", "attribution", "ANONYMOUS"), c), 400, "attribution");
        problem(api.post(ngo, comments, Map.of("body", " ", "attribution", "ATTRIBUTED"), c), 400, "body");
        problem(api.post(ngo, comments, Map.of("provisionId", "nope", "body", "x", "attribution", "ATTRIBUTED"), c),
                400, "provisionId");
        api.post(ngo, comments, chatham, "no-such-consultation").expectStatus().isNotFound();
        String comment = json(api.post(ngo, comments, chatham, c), 201).get("commentId").asText();
        problem(api.post(france, comments, Map.of("replyTo", "no-such-comment", "body", "x", "attribution", "ATTRIBUTED"), c),
                400, "replyTo");
        json(api.post(france, comments, Map.of("replyTo", comment, "body", "Agreed, brokers included.",
                "attribution", "ATTRIBUTED"), c), 201);
        JsonNode onAmendment = json(api.post(drafter, comments, Map.of("amendmentId", a1, "body", "We lean towards this.",
                "attribution", "ATTRIBUTED"), c), 201);

        JsonNode anonymousView = read(null, "/api/consultations/" + c + "/comments?provisionId=" + p1, onAmendment);
        assertThat(anonymousView).hasSize(1);
        JsonNode thread = anonymousView.get(0);
        assertThat(thread.get("author").has("participantId")).isFalse();
        assertThat(thread.get("author").has("organisation")).isFalse();
        assertThat(thread.at("/author/stakeholderType").asText()).isEqualTo("NGO");
        assertThat(anonymousView.toString()).doesNotContain(ngoParticipantId, "Digital Rights Watch");
        assertThat(thread.get("replies")).hasSize(1);
        assertThat(thread.at("/replies/0/author/organisation").asText()).isEqualTo("Republic of France");
        assertThat(read(ngo, "/api/consultations/" + c + "/comments?provisionId=" + p1, onAmendment).get(0)
                .at("/author/organisation").asText()).isEqualTo("Digital Rights Watch");
        assertThat(read(drafter, "/api/consultations/" + c + "/comments", onAmendment).toString())
                .contains("Digital Rights Watch");
        assertThat(read(france, "/api/consultations/" + c + "/comments?provisionId=" + p1, onAmendment).toString())
                .doesNotContain("Digital Rights Watch");
        assertThat(read(null, "/api/consultations/" + c + "/comments?amendmentId=" + a1, onAmendment)).hasSize(1);

        // decisions: accept, stale, accept with modifications, insertion, reject
        String accept = "/api/consultations/{id}/amendments/{aid}/accept";
        String reject = "/api/consultations/{id}/amendments/{aid}/reject";
        api.post(france, accept, Map.of("reason", "x"), c, a1).expectStatus().isForbidden();
        problem(api.post(drafter, accept, Map.of("reason", ""), c, a1), 400, "reason");
        api.post(drafter, accept, Map.of("reason", "x"), c, "no-such-amendment").expectStatus().isNotFound();
        JsonNode accepted = json(api.post(drafter, accept, Map.of("reason", "Broad support in round 1"), c, a1), 200);
        assertThat(accepted.get("version").asInt()).isEqualTo(2);
        assertThat(accepted.get("status").asText()).isEqualTo("ACCEPTED");
        api.post(drafter, accept, Map.of("reason", "again"), c, a1).expectStatus().isEqualTo(409);
        JsonNode staleView = read(null, "/api/consultations/" + c + "/amendments/" + a2, accepted);
        assertThat(staleView.get("stale").asBoolean()).isTrue();
        problem(api.post(drafter, accept, Map.of("reason", "Compromise"), c, a2), 409, null);
        JsonNode merged = json(api.post(drafter, accept, Map.of("reason", "Compromise",
                "text", "States shall regulate, and may restrict, the sale of intrusion tools."), c, a2), 200);
        assertThat(merged.get("status").asText()).isEqualTo("ACCEPTED_WITH_MODIFICATIONS");
        assertThat(merged.get("version").asInt()).isEqualTo(3);
        JsonNode inserted = json(api.post(drafter, accept, Map.of("reason", "Transparency matters"), c, a3), 200);
        assertThat(inserted.get("version").asInt()).isEqualTo(4);
        String a5 = json(api.post(france, amendments, amendment("REPLACE", p1, 1, "An outdated idea.", null), c), 201)
                .get("amendmentId").asText();
        problem(api.post(drafter, reject, Map.of("reason", "  "), c, a5), 400, "reason");
        JsonNode rejected = json(api.post(drafter, reject, Map.of("reason", "Superseded by the compromise"), c, a5), 200);

        JsonNode list = read(null, "/api/consultations/" + c + "/amendments", rejected);
        assertThat(list).hasSize(5);
        JsonNode first = find(list, a1);
        assertThat(first.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(first.at("/supporters/total").asInt()).isEqualTo(1);
        assertThat(first.at("/supporters/byStakeholderType/NGO").asInt()).isEqualTo(1);
        assertThat(first.at("/author/organisation").asText()).isEqualTo("Republic of France");
        assertThat(first.at("/decision/reason").asText()).isEqualTo("Broad support in round 1");
        assertThat(first.at("/decision/version").asInt()).isEqualTo(2);
        assertThat(find(list, a4).get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(find(list, a5).get("status").asText()).isEqualTo("REJECTED");
        assertThat(read(null, "/api/consultations/" + c + "/amendments?status=REJECTED", rejected)).hasSize(1);
        problem(api.get(null, "/api/consultations/{id}/amendments?status=MAYBE", c), 400, null);
        api.get(null, "/api/consultations/{id}/amendments/{aid}", c, "no-such-amendment").expectStatus().isNotFound();

        detail = read(null, "/api/consultations/" + c, rejected);
        assertThat(detail.get("version").asInt()).isEqualTo(4);
        List<String> texts = new ArrayList<>();
        detail.get("provisions").forEach(p -> texts.add(p.get("label").asText() + " " + p.get("text").asText()));
        assertThat(texts).containsExactly(
                "1 States shall regulate, and may restrict, the sale of intrusion tools.",
                "2 Vendors should assess human-rights risks.",
                "2.b Vendors should publish transparency reports.",
                "2.a Assessments should be published.");

        // revisions only between rounds, against the current version
        String revisions = "/api/consultations/{id}/revisions";
        Map<String, Object> revision = Map.of("baseVersion", 4, "reason", "Legal scrub",
                "changes", List.of(Map.of("kind", "REPLACE", "provisionId", p2a, "text", "Assessments shall be published."),
                        Map.of("kind", "INSERT_AFTER", "provisionId", p2a, "label", "3", "text", "This code is reviewed yearly.")));
        api.post(drafter, revisions, revision, c).expectStatus().isEqualTo(409);
        String close = "/api/consultations/{id}/rounds/current/close";
        api.post(france, close, null, c).expectStatus().isForbidden();
        JsonNode closed = json(api.post(drafter, close, null, c), 200);
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        api.post(drafter, close, null, c).expectStatus().isEqualTo(409);
        api.post(france, amendments, replace, c).expectStatus().isEqualTo(409);
        api.post(ngo, comments, chatham, c).expectStatus().isEqualTo(409);
        api.post(france, revisions, revision, c).expectStatus().isForbidden();
        problem(api.post(drafter, revisions, Map.of("baseVersion", 4, "reason", "x",
                "changes", List.of(Map.of("kind", "SWAP", "provisionId", p2a))), c), 400, "changes[0].kind");
        JsonNode revised = json(api.post(drafter, revisions, revision, c), 201);
        assertThat(revised.get("version").asInt()).isEqualTo(5);
        api.post(drafter, revisions, revision, c).expectStatus().isEqualTo(409);

        // round 2 passes its deadline before it is closed
        JsonNode round2 = json(api.post(drafter, rounds, Map.of("deadline", Instant.now().plusSeconds(4).toString()), c), 201);
        assertThat(round2.get("round").asInt()).isEqualTo(2);
        String a6 = json(api.post(france, amendments, amendment("REPLACE", p2, 5, "Vendors shall assess risks.", null), c), 201)
                .get("amendmentId").asText();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() ->
                api.post(ngo, comments, Map.of("body", "Late?", "attribution", "ATTRIBUTED"), c)
                        .returnResult(String.class).getStatus().value() == 409);
        problem(api.post(france, amendments, replace, c), 409, null);
        json(api.post(drafter, close, null, c), 200);

        // adoption waits for every decision; then the text is frozen and endorsed once per organisation
        String adopt = "/api/consultations/{id}/adopt";
        api.post(france, adopt, null, c).expectStatus().isForbidden();
        problem(api.post(drafter, adopt, null, c), 409, null);
        json(api.post(drafter, reject, Map.of("reason", "Too late for consensus"), c, a6), 200);
        JsonNode adopted = json(api.post(drafter, adopt, null, c), 200);
        assertThat(adopted.get("status").asText()).isEqualTo("ADOPTED");
        assertThat(adopted.get("version").asInt()).isEqualTo(5);
        api.post(drafter, adopt, null, c).expectStatus().isEqualTo(409);
        api.post(drafter, revisions, Map.of("baseVersion", 5, "reason", "After adoption",
                "changes", List.of(Map.of("kind", "DELETE", "provisionId", p2a))), c).expectStatus().isEqualTo(409);
        api.post(drafter, rounds, inAnHour, c).expectStatus().isEqualTo(409);

        String endorsements = "/api/consultations/{id}/endorsements";
        api.post(drafter, endorsements, null, c).expectStatus().isForbidden();
        api.post(null, endorsements, null, c).expectStatus().isUnauthorized();
        json(api.post(france, endorsements, null, c), 201);
        api.post(france, endorsements, null, c).expectStatus().isEqualTo(409);
        String anotherFrenchDelegate = api.registerToken("Republic of France", "STATE", "FR", "PARTICIPANT");
        api.post(anotherFrenchDelegate, endorsements, null, c).expectStatus().isEqualTo(409);
        JsonNode endorsedByNgo = json(api.post(ngo, endorsements, null, c), 201);
        api.post(france, endorsements, null, "no-such-consultation").expectStatus().isNotFound();
        JsonNode signatures = read(null, "/api/consultations/" + c + "/endorsements", endorsedByNgo);
        assertThat(signatures.findValuesAsText("organisation")).containsExactly("Republic of France", "Digital Rights Watch");
        assertThat(signatures.get(0).get("stakeholderType").asText()).isEqualTo("STATE");
        assertThat(signatures.get(0).get("country").asText()).isEqualTo("FR");
        assertThat(signatures.get(0).get("endorsedAt").asText()).isNotBlank();
        assertThat(read(null, "/api/consultations/" + c, endorsedByNgo).get("status").asText()).isEqualTo("ADOPTED");
    }

    @Test
    void amendments_comments_and_endorsements_of_a_restricted_consultation_do_not_exist_for_outsiders() {
        JsonNode created = json(api.createConsultation(drafter, "Restricted annex", "RESTRICTED"), 201);
        String c = created.get("consultationId").asText();
        read(france, "/api/consultations/" + c, created);
        for (String path : List.of("/api/consultations/{id}/amendments", "/api/consultations/{id}/comments",
                "/api/consultations/{id}/endorsements")) {
            api.get(null, path, c).expectStatus().isNotFound();
            api.get(observer, path, c).expectStatus().isNotFound();
            api.get(france, path, c).expectStatus().isOk();
        }
    }

    private static JsonNode read(String token, String path, JsonNode afterWrite) {
        String separator = path.contains("?") ? "&" : "?";
        return json(api.get(token, path + separator + "minPosition=" + afterWrite.get("position").asLong()), 200);
    }

    private static void problem(WebTestClient.ResponseSpec response, int status, String field) {
        JsonNode problem = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(problem.get("errors").findValuesAsText("field")).contains(field);
        }
    }

    private static Map<String, Object> amendment(String kind, String provisionId, int baseVersion, String text, String label) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("provisionId", provisionId);
        body.put("baseVersion", baseVersion);
        body.put("justification", "Raised by several delegations");
        if (text != null) {
            body.put("text", text);
        }
        if (label != null) {
            body.put("label", label);
        }
        return body;
    }

    private static JsonNode find(JsonNode list, String amendmentId) {
        for (JsonNode amendment : list) {
            if (amendment.get("amendmentId").asText().equals(amendmentId)) {
                return amendment;
            }
        }
        throw new AssertionError("No amendment " + amendmentId + " in " + list);
    }
}
