package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.system.ConcordApi.json;

/**
 * Comments on words of a provision, through the gateway: posted with an anchor, refused with the field at
 * fault, and read after a revision moved, changed and removed the words they are on.
 */
class AnchoredCommentsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_comment_on_words_keeps_its_anchor_as_the_text_changes() throws Exception {
        ConcordApi api = new ConcordApi(ConcordProcesses.shared());
        String drafter = api.registerToken("Anchor Secretariat", "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER");
        String france = api.registerToken("République française (ancres)", "STATE", "FR", "PARTICIPANT");
        JsonNode created = json(api.createConsultation(drafter, "Anchored comments", "PUBLIC"), 201);
        String c = created.get("consultationId").asText();
        JsonNode detail = json(api.get(null, "/api/consultations/{id}?minPosition={p}", c, created.get("position").asLong()), 200);
        String first = detail.at("/provisions/0/provisionId").asText();
        String second = detail.at("/provisions/1/provisionId").asText();
        String third = detail.at("/provisions/2/provisionId").asText();
        json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", Instant.now().plus(Duration.ofHours(1)).toString()), c), 201);

        // "States should regulate the sale of intrusion tools.": words 2 to 4 are "regulate the sale"
        String onSale = comment(api, france, c, Map.of("provisionId", first, "anchor", Map.of("version", 1, "start", 2, "end", 5)), 201)
                .get("commentId").asText();
        // "Vendors should assess human-rights risks.": "human-rights" is one word
        String onRisks = comment(api, france, c, Map.of("provisionId", second, "anchor", Map.of("version", 1, "start", 3, "end", 5)), 201)
                .get("commentId").asText();
        // "Assessments should be published.": the whole provision will be deleted
        String onPublished = comment(api, france, c, Map.of("provisionId", third, "anchor", Map.of("version", 1, "start", 2, "end", 5)), 201)
                .get("commentId").asText();
        String onNoWords = comment(api, france, c, Map.of("provisionId", first), 201).get("commentId").asText();

        assertRefused(comment(api, france, c, Map.of("provisionId", first, "anchor", Map.of("version", 1, "start", 7, "end", 10)), 400),
                "anchor.end", "must be at most 9, the number of words of provision 1 in version 1");
        assertRefused(comment(api, france, c, Map.of("provisionId", first, "anchor", Map.of("version", 1, "start", 3, "end", 3)), 400),
                "anchor.end", "must be greater than anchor.start");
        assertRefused(comment(api, france, c, Map.of("provisionId", first, "anchor", Map.of("version", 2, "start", 0, "end", 1)), 400),
                "anchor.version", "must be between 1 and the current version 1");
        assertRefused(comment(api, france, c, Map.of("provisionId", first, "anchor", Map.of("version", 1, "start", -1, "end", 1)), 400),
                "anchor.start", null);
        assertRefused(comment(api, france, c, Map.of("provisionId", first, "anchor", Map.of("version", 1, "start", 0)), 400),
                "anchor.end", null);
        assertRefused(comment(api, france, c, Map.of("anchor", Map.of("version", 1, "start", 0, "end", 1)), 400),
                "anchor", "An anchor is on words of a provision: give provisionId too");
        assertRefused(comment(api, france, c, Map.of("provisionId", first, "replyTo", onSale,
                "anchor", Map.of("version", 1, "start", 0, "end", 1)), 400), "anchor", "A reply takes no anchor: it is on what its comment is on");

        json(api.post(drafter, "/api/consultations/{id}/rounds/current/close", null, c), 200);
        JsonNode revised = json(api.post(drafter, "/api/consultations/{id}/revisions", Map.of("baseVersion", 1, "reason", "Second reading",
                "changes", List.of(
                        Map.of("kind", "REPLACE", "provisionId", first, "text", "All States should strictly regulate the sale of intrusion tools."),
                        Map.of("kind", "INSERT_AFTER", "provisionId", first, "label", "1.a", "text", "Exports are regulated too."),
                        Map.of("kind", "DELETE", "provisionId", third))), c), 201);
        json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", Instant.now().plus(Duration.ofHours(1)).toString()), c), 201);
        JsonNode stale = comment(api, france, c, Map.of("provisionId", first, "anchor", Map.of("version", 1, "start", 0, "end", 1)), 409);
        assertThat(stale.get("detail").asText())
                .isEqualTo("Provision 1 has changed since version 1 (last in version 2); select the words again in the current text, version 2.");
        JsonNode latest = comment(api, france, c, Map.of("provisionId", first, "anchor", Map.of("version", 2, "start", 4, "end", 7)), 201);

        JsonNode comments = json(api.get(null, "/api/consultations/{id}/comments?minPosition={p}", c, latest.get("position").asLong()), 200);
        Map<String, JsonNode> byId = new HashMap<>();
        comments.forEach(comment -> byId.put(comment.get("commentId").asText(), comment));
        assertThat(revised.get("version").asInt()).isEqualTo(2);
        JSONAssert.assertEquals("""
                {"version": 1, "start": 2, "end": 5, "quote": "regulate the sale", "status": "MOVED",
                 "current": {"version": 2, "start": 4, "end": 7, "text": "regulate the sale"}}""",
                JSON.writeValueAsString(byId.get(onSale).get("anchor")), JSONCompareMode.STRICT);
        JSONAssert.assertEquals("""
                {"version": 1, "start": 3, "end": 5, "quote": "human-rights risks", "status": "CURRENT",
                 "current": {"version": 2, "start": 3, "end": 5, "text": "human-rights risks"}}""",
                JSON.writeValueAsString(byId.get(onRisks).get("anchor")), JSONCompareMode.STRICT);
        JSONAssert.assertEquals("""
                {"version": 1, "start": 2, "end": 5, "quote": "be published.", "status": "REMOVED", "current": null}""",
                JSON.writeValueAsString(byId.get(onPublished).get("anchor")), JSONCompareMode.STRICT);
        assertThat(byId.get(onNoWords).has("anchor")).as("a comment on no words answers anchor: null").isTrue();
        assertThat(byId.get(onNoWords).get("anchor").isNull()).isTrue();
        assertThat(byId.get(latest.get("commentId").asText()).at("/anchor/status").asText()).isEqualTo("CURRENT");
    }

    private static JsonNode comment(ConcordApi api, String token, String consultationId, Map<String, Object> target, int status) {
        Map<String, Object> body = new HashMap<>(target);
        body.put("body", "Which words exactly?");
        body.put("attribution", "ATTRIBUTED");
        return json(api.post(token, "/api/consultations/{id}/comments", body, consultationId), status);
    }

    /** A 400 problem naming {@code field}, with {@code message} when given. */
    private static void assertRefused(JsonNode problem, String field, String message) {
        assertThat(problem.get("type").asText()).isEqualTo("urn:concord:problem:validation");
        assertThat(problem.get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            if (message != null) {
                assertThat(error.get("message").asText()).isEqualTo(message);
            }
        });
    }
}
