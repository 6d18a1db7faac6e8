package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * The history of a consultation through the gateway: versions, the text at a version and at an instant,
 * diffs, a provision's wordings, provenance, the timeline with Chatham House masking, statistics, the
 * dispositions table as JSON and CSV, and a rebuild of the read models while reads keep answering; a
 * white space correction in the diff.
 */
class HistoryIT {

    private static ConcordApi api;
    private static String drafter;
    private static String france;
    private static String ngo;
    private static String ngoParticipantId;

    @BeforeAll
    static void register() {
        api = new ConcordApi(ConcordProcesses.shared());
        drafter = api.registerToken("History Secretariat", "INTERNATIONAL_ORGANISATION", "GB", "DRAFTER");
        france = api.registerToken("French Republic", "STATE", "FR", "PARTICIPANT");
        JsonNode registered = api.register("Rights Lab", "NGO", "KE", "PARTICIPANT");
        ngo = registered.get("token").asText();
        ngoParticipantId = registered.get("participantId").asText();
    }

    @Test
    void a_consultation_s_history_is_told_word_by_word_and_survives_a_rebuild() {
        JsonNode created = json(api.createConsultation(drafter, "History of a Code", "PUBLIC"), 201);
        String c = created.get("consultationId").asText();
        JsonNode detail = read(null, "/api/consultations/" + c, created.get("position").asLong());
        String p1 = detail.at("/provisions/0/provisionId").asText();
        String p2 = detail.at("/provisions/1/provisionId").asText();
        Instant afterVersion1 = Instant.now();

        JsonNode revised = json(api.post(drafter, "/api/consultations/{id}/revisions", Map.of("baseVersion", 1, "reason", "Tighter wording",
                "changes", List.of(Map.of("kind", "REPLACE", "provisionId", p2, "text", "Vendors must assess human-rights risks."))), c), 201);
        assertThat(revised.get("version").asInt()).isEqualTo(2);
        json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", Instant.now().plus(Duration.ofHours(1)).toString()), c), 201);
        JsonNode proposed = json(api.post(france, "/api/consultations/{id}/amendments", Map.of("kind", "REPLACE", "provisionId", p1,
                "baseVersion", 2, "text", "States should regulate the sale and export of intrusion tools.", "justification", "Exports"), c), 201);
        String amendment = proposed.get("amendmentId").asText();
        json(api.post(ngo, "/api/consultations/{id}/comments", Map.of("amendmentId", amendment, "body", "Exports matter.",
                "attribution", "CHATHAM_HOUSE"), c), 201);
        json(api.post(drafter, "/api/consultations/{id}/rounds/current/close", null, c), 200);
        JsonNode accepted = json(api.post(drafter, "/api/consultations/{id}/amendments/{aid}/accept", Map.of("reason", "Agreed"), c, amendment), 200);
        long last = accepted.get("position").asLong();

        JsonNode versions = read(null, "/api/consultations/" + c + "/versions", last);
        assertThat(versions.findValuesAsText("type")).containsExactly("CREATION", "REVISION", "AMENDMENT");
        assertThat(versions.at("/2/cause/author/organisation").asText()).isEqualTo("French Republic");
        assertThat(versions.at("/2/cause/decidedBy/organisation").asText()).isEqualTo("History Secretariat");

        JsonNode first = json(api.get(null, "/api/consultations/{id}/versions/1", c), 200);
        assertThat(first.at("/provisions/0/text").asText()).isEqualTo("States should regulate the sale of intrusion tools.");
        json(api.get(null, "/api/consultations/{id}/versions/4", c), 404);
        JsonNode asOf = json(api.get(null, "/api/consultations/{id}/text?asOf={at}", c, afterVersion1.toString()), 200);
        assertThat(asOf.get("version").asInt()).isEqualTo(1);
        json(api.get(null, "/api/consultations/{id}/text?asOf=yesterday", c), 400);

        JsonNode diff = json(api.get(null, "/api/consultations/{id}/diff?from=1&to=3", c), 200);
        assertThat(diff.get("changes").findValuesAsText("change")).containsExactly("MODIFIED", "MODIFIED");
        assertThat(diff.at("/changes/0/inline").toString()).contains("{\"op\":\"INSERT\",\"text\":\"and export \"}");
        json(api.get(null, "/api/consultations/{id}/diff?from=1&to=9", c), 404);
        json(api.get(null, "/api/consultations/{id}/diff?from=one&to=3", c), 400);

        JsonNode wordings = json(api.get(null, "/api/consultations/{id}/provisions/{p}/history", c, p2), 200);
        assertThat(wordings.findValuesAsText("text")).containsExactly("Vendors should assess human-rights risks.",
                "Vendors must assess human-rights risks.");
        json(api.get(null, "/api/consultations/{id}/provisions/no-such-provision/history", c), 404);

        JsonNode provenance = json(api.get(null, "/api/consultations/{id}/provenance", c), 200);
        List<String> spans = new ArrayList<>();
        provenance.at("/provisions/0/spans").forEach(span -> spans.add(span.get("text").asText() + "|" + span.get("organisation").asText()));
        assertThat(spans).containsExactly("States should regulate the sale |History Secretariat",
                "and export |French Republic", "of intrusion tools.|History Secretariat");

        String anonymousTimeline = json(api.get(null, "/api/consultations/{id}/history", c), 200).toString();
        assertThat(anonymousTimeline).contains("\"type\":\"CommentPosted\"").doesNotContain("Rights Lab").doesNotContain(ngoParticipantId);
        assertThat(json(api.get(drafter, "/api/consultations/{id}/history", c), 200).toString()).contains("Rights Lab");
        assertThat(json(api.get(ngo, "/api/consultations/{id}/history", c), 200).toString()).contains("Rights Lab");
        assertThat(json(api.get(null, "/api/consultations/{id}/history?limit=2", c), 200)).hasSize(2);

        JsonNode statistics = json(api.get(null, "/api/consultations/{id}/statistics", c), 200);
        assertThat(statistics.at("/total/amendments").asInt()).isEqualTo(1);
        assertThat(statistics.at("/total/acceptanceRate").asDouble()).isEqualTo(1.0);
        assertThat(statistics.at("/byCountry/undisclosed/comments").asInt()).isEqualTo(1);
        assertThat(statistics.toString()).doesNotContain("KE");

        JsonNode dispositions = json(api.get(null, "/api/consultations/{id}/dispositions", c), 200);
        assertThat(dispositions.at("/0/organisation").asText()).isEqualTo("French Republic");
        assertThat(dispositions.at("/0/resultingVersion").asInt()).isEqualTo(3);
        String csv = api.http.get().uri("/api/consultations/{id}/dispositions", c).header(HttpHeaders.ACCEPT, "text/csv").exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith("text/csv")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).startsWith("amendmentId,kind,provisionId").contains(amendment + ",REPLACE," + p1).contains("French Republic,STATE,0,ACCEPTED,Agreed");

        api.post(drafter, "/api/admin/replay", null).expectStatus().isForbidden();
        api.post(null, "/api/admin/replay", null).expectStatus().isUnauthorized();
        JsonNode started = json(api.post(ConcordApi.ADMIN, "/api/admin/replay", null), 200);
        assertThat(started.get("state").asText()).isEqualTo("RUNNING");
        assertThat(json(api.get(null, "/api/consultations/{id}/versions", c), 200)).hasSize(3);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                json(api.get(ConcordApi.ADMIN, "/api/admin/replay"), 200).get("state").asText().equals("DONE"));
        assertThat(json(api.get(null, "/api/consultations/{id}/provenance", c), 200)).isEqualTo(provenance);
        assertThat(json(api.get(null, "/api/consultations/{id}/diff?from=1&to=3", c), 200)).isEqualTo(diff);
        assertThat(json(api.get(null, "/api/consultations/{id}/history", c), 200).toString()).isEqualTo(anonymousTimeline);
    }

    @Test
    void a_white_space_only_correction_shows_in_the_diff_whose_runs_spell_both_wordings() {
        String spaced = "The parties agree to this text .";
        String corrected = "The parties agree to this text.";
        String withEmoji = "Vendors 👩🏽‍💻 should assess risks.";
        String spaceMissing = "Vendors 👩🏽‍💻should assess risks.";
        JsonNode created = json(api.post(drafter, "/api/consultations", Map.of("title", "Spacing", "summary", "A spacing correction",
                "visibility", "PUBLIC", "provisions", List.of(Map.of("label", "1", "text", spaced), Map.of("label", "2", "text", withEmoji)))), 201);
        String c = created.get("consultationId").asText();
        JsonNode detail = read(null, "/api/consultations/" + c, created.get("position").asLong());
        JsonNode revised = json(api.post(drafter, "/api/consultations/{id}/revisions", Map.of("baseVersion", 1, "reason", "Spacing",
                "changes", List.of(
                        Map.of("kind", "REPLACE", "provisionId", detail.at("/provisions/0/provisionId").asText(), "text", corrected),
                        Map.of("kind", "REPLACE", "provisionId", detail.at("/provisions/1/provisionId").asText(), "text", spaceMissing))), c), 201);
        read(null, "/api/consultations/" + c + "/versions", revised.get("position").asLong());

        JsonNode diff = json(api.get(null, "/api/consultations/{id}/diff?from=1&to=2", c), 200);

        assertThat(diff.get("changes").findValuesAsText("change")).containsExactly("MODIFIED", "MODIFIED");
        assertSpellsBothWordings(diff.at("/changes/0"), spaced, corrected);
        assertSpellsBothWordings(diff.at("/changes/1"), withEmoji, spaceMissing);
    }

    @Test
    void a_restricted_consultation_s_history_does_not_exist_for_anonymous_readers() {
        JsonNode created = json(api.createConsultation(drafter, "Restricted annex", "RESTRICTED"), 201);
        String c = created.get("consultationId").asText();
        read(france, "/api/consultations/" + c + "/versions", created.get("position").asLong());
        for (String read : List.of("versions", "versions/1", "text", "diff?from=1&to=1", "provenance", "history", "statistics", "dispositions")) {
            json(api.get(null, "/api/consultations/" + c + "/" + read), 404);
            json(api.get(france, "/api/consultations/" + c + "/" + read), 200);
            // what the query side remembers of an answer (a diff) is not served to a reader who may not see it
            json(api.get(null, "/api/consultations/" + c + "/" + read), 404);
        }
    }

    /**
     * Issue #18, finding 9: a word diff of two long unrelated wordings cost seconds of CPU on every read. Past a
     * fixed amount of work the diff is coarser, and still spells both wordings: the words both begin and end
     * with kept, one deletion and one insertion between.
     */
    @Test
    void two_long_unrelated_wordings_are_diffed_within_a_bound_coarsely_and_exactly() {
        String before = "The parties agree that " + unrelatedWording(1) + " as agreed.";
        String after = "The parties agree that " + unrelatedWording(2) + " as agreed.";
        JsonNode created = json(api.post(drafter, "/api/consultations", Map.of("title", "Rewritten", "summary", "A rewrite",
                "visibility", "PUBLIC", "provisions", List.of(Map.of("label", "1", "text", before)))), 201);
        String c = created.get("consultationId").asText();
        JsonNode detail = read(null, "/api/consultations/" + c, created.get("position").asLong());
        JsonNode revised = json(api.post(drafter, "/api/consultations/{id}/revisions", Map.of("baseVersion", 1, "reason", "Rewrite",
                "changes", List.of(Map.of("kind", "REPLACE", "provisionId", detail.at("/provisions/0/provisionId").asText(), "text", after))),
                c), 201);
        read(null, "/api/consultations/" + c + "/versions", revised.get("position").asLong());

        JsonNode change = json(api.get(null, "/api/consultations/{id}/diff?from=1&to=2", c), 200).at("/changes/0");

        assertSpellsBothWordings(change, before, after);
        assertThat(change.get("inline").findValuesAsText("op")).containsExactly("EQUAL", "DELETE", "INSERT", "EQUAL");
    }

    /** Some 19,000 characters of words drawn at random. */
    private static String unrelatedWording(long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(Integer.toString(random.nextInt(1_000_000), 36));
        while (text.length() < 19_000) {
            text.append(' ').append(Integer.toString(random.nextInt(1_000_000), 36));
        }
        return text.toString();
    }

    /** The EQUAL and DELETE runs of {@code change} spell {@code before}, its EQUAL and INSERT runs {@code after}, and some run is not EQUAL. */
    private static void assertSpellsBothWordings(JsonNode change, String before, String after) {
        assertThat(change.get("before").asText()).isEqualTo(before);
        assertThat(change.get("after").asText()).isEqualTo(after);
        StringBuilder old = new StringBuilder();
        StringBuilder current = new StringBuilder();
        List<String> ops = new ArrayList<>();
        for (JsonNode run : change.get("inline")) {
            String op = run.get("op").asText();
            ops.add(op);
            if (!op.equals("INSERT")) {
                old.append(run.get("text").asText());
            }
            if (!op.equals("DELETE")) {
                current.append(run.get("text").asText());
            }
        }
        assertThat(old).as("EQUAL and DELETE runs of %s", change.get("inline")).hasToString(before);
        assertThat(current).as("EQUAL and INSERT runs of %s", change.get("inline")).hasToString(after);
        assertThat(ops).as("runs of %s", change.get("inline")).anyMatch(op -> !op.equals("EQUAL"));
    }

    private static JsonNode read(String token, String path, long position) {
        return json(api.get(token, path + "?minPosition=" + position), 200);
    }
}
