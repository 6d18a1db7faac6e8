package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.system.ConcordApi.json;

/**
 * The workspace shows each person exactly what the API answers them: every page of a consultation is
 * read as an anonymous visitor, an observer, a delegate, a drafter and the author of Chatham House
 * comments, and compared with that caller's API answers. No page leaks a Chatham House author or a
 * RESTRICTED consultation, and hostile texts render as text.
 */
class WorkspaceVisibilityIT {

    private static final String SECRET_ORGANISATION = "Quiet Harbour Collective";
    private static final String RESTRICTED_TITLE = "Sealed annex for capitals";
    private static final List<String> HOSTILE = List.of("<script>alert('concord')</script>", "<img src=x onerror=alert(1)>",
            "\"><svg/onload=alert(1)>", "<a href=\"javascript:alert(1)\">click</a>", "</textarea><script>alert(document.cookie)</script>",
            "[[${7*7}]] [(${7*7})] __${7*7}__", "<b>bold</b> & <i>italic</i>", "\u202eevil", "Ω≈ç√ 中文 عربى \ud83d\ude00");

    private static ConcordProcesses concord;
    private static ConcordApi api;
    private static final Map<String, String> tokens = new LinkedHashMap<>();
    private static String consultation;
    private static String restricted;
    private static String provision;
    private static long last;

    @BeforeAll
    static void consultationWithChathamHouseComments() {
        concord = ConcordProcesses.shared();
        api = new ConcordApi(concord);
        tokens.put("drafter", api.registerToken("Workspace Secretariat", "INTERNATIONAL_ORGANISATION", "GB", "DRAFTER"));
        tokens.put("author", api.registerToken(SECRET_ORGANISATION, "NGO", "NL", "PARTICIPANT"));
        tokens.put("delegate", api.registerToken("Open Delegation", "STATE", "SE", "PARTICIPANT"));
        tokens.put("observer", api.registerToken("Evening Paper", "COMPANY", "FR", "OBSERVER"));

        JsonNode created = json(api.createConsultation(tokens.get("drafter"), "Workspace visibility", "PUBLIC"), 201);
        consultation = created.get("consultationId").asText();
        JsonNode detail = json(api.get(null, "/api/consultations/{id}?minPosition={p}", consultation, created.get("position").asLong()), 200);
        provision = detail.at("/provisions/0/provisionId").asText();
        json(api.post(tokens.get("drafter"), "/api/consultations/{id}/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(2)).toString()), consultation), 201);
        JsonNode amendment = json(api.post(tokens.get("delegate"), "/api/consultations/{id}/amendments", Map.of("kind", "REPLACE",
                "provisionId", provision, "baseVersion", 1, "text", "States shall regulate the sale of intrusion tools.",
                "justification", "Firmer wording"), consultation), 201);
        JsonNode comment = json(api.post(tokens.get("author"), "/api/consultations/{id}/comments", Map.of("provisionId", provision,
                "body", "An unattributable concern", "attribution", "CHATHAM_HOUSE"), consultation), 201);
        json(api.post(tokens.get("author"), "/api/consultations/{id}/comments", Map.of("provisionId", provision,
                "replyTo", comment.get("commentId").asText(), "body", "A quiet reply", "attribution", "CHATHAM_HOUSE"), consultation), 201);
        json(api.post(tokens.get("delegate"), "/api/consultations/{id}/comments", Map.of("amendmentId", amendment.get("amendmentId").asText(),
                "body", "We support our own wording", "attribution", "ATTRIBUTED"), consultation), 201);
        json(api.post(tokens.get("drafter"), "/api/consultations/{id}/rounds/current/close", null, consultation), 200);
        last = json(api.post(tokens.get("drafter"), "/api/consultations/{id}/amendments/{a}/accept", Map.of("reason", "Agreed"),
                consultation, amendment.get("amendmentId").asText()), 200).get("position").asLong();

        JsonNode annex = json(api.createConsultation(tokens.get("drafter"), RESTRICTED_TITLE, "RESTRICTED"), 201);
        restricted = annex.get("consultationId").asText();
        last = Math.max(last, annex.get("position").asLong());
        json(api.get(null, "/api/consultations?minPosition={p}", last), 200);
    }

    @Test
    void no_page_names_a_chatham_house_author_to_anyone_but_drafters_and_the_author() {
        for (String reader : new String[]{null, "observer", "delegate"}) {
            WorkspaceVisitor visitor = visitor(reader);
            for (String path : pages(consultation)) {
                WorkspaceVisitor.Page page = visitor.get(path);
                assertThat(page.status()).as(path + " as " + reader).isEqualTo(200);
                assertThat(page.html()).as(path + " as " + reader).doesNotContain(SECRET_ORGANISATION)
                        .doesNotContain("Delegation of " + SECRET_ORGANISATION);
            }
        }
        for (String reader : new String[]{"drafter", "author"}) {
            String api = apiAnswer(reader, "/api/consultations/" + consultation + "/comments");
            assertThat(api).as("the API shows the author to " + reader).contains(SECRET_ORGANISATION);
            assertThat(visitor(reader).get("/consultations/" + consultation).text())
                    .as("the consultation page as " + reader + " shows the author as the API does").contains(SECRET_ORGANISATION);
        }
    }

    @Test
    void every_comment_the_api_answers_a_reader_is_on_the_consultation_page() {
        for (String reader : new String[]{null, "observer", "delegate", "drafter", "author"}) {
            JsonNode comments = json(api.get(reader == null ? null : tokens.get(reader), "/api/consultations/{id}/comments", consultation), 200);
            List<String> bodies = new ArrayList<>();
            comments.forEach(comment -> collectBodies(comment, bodies));
            assertThat(bodies).hasSize(3);
            String page = visitor(reader).get("/consultations/" + consultation).text();
            assertThat(bodies).as("as " + reader).allSatisfy(body -> assertThat(page).contains(body));
        }
    }

    @Test
    void a_restricted_consultation_exists_only_for_participants_and_drafters() {
        for (String reader : new String[]{null, "observer"}) {
            WorkspaceVisitor visitor = visitor(reader);
            assertThat(visitor.get("/").text()).as("the list as " + reader).doesNotContain(RESTRICTED_TITLE);
            for (String path : pages(restricted)) {
                WorkspaceVisitor.Page page = visitor.get(path);
                assertThat(page.status()).as(path + " as " + reader).isEqualTo(404);
                assertThat(page.html()).as(path + " as " + reader).doesNotContain(RESTRICTED_TITLE);
            }
        }
        for (String reader : new String[]{"delegate", "drafter"}) {
            WorkspaceVisitor visitor = visitor(reader);
            assertThat(visitor.get("/").text()).as("the list as " + reader).contains(RESTRICTED_TITLE);
            assertThat(visitor.get("/consultations/" + restricted).status()).isEqualTo(200);
        }
    }

    @Test
    void hostile_texts_render_as_text_under_a_strict_policy() {
        List<Map<String, String>> provisions = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            provisions.add(Map.of("label", Integer.toString(i + 1), "text", HOSTILE.get(i)));
        }
        JsonNode created = json(api.post(tokens.get("drafter"), "/api/consultations", Map.of("title", HOSTILE.get(0),
                "summary", HOSTILE.get(1), "visibility", "PUBLIC", "provisions", provisions)), 201);
        String hostile = created.get("consultationId").asText();
        json(api.get(null, "/api/consultations/{id}?minPosition={p}", hostile, created.get("position").asLong()), 200);
        WorkspaceVisitor visitor = visitor(null);
        for (String path : List.of("/", "/consultations/" + hostile, "/consultations/" + hostile + "/provenance",
                "/consultations/" + hostile + "/versions/1", "/consultations/" + hostile + "/timeline")) {
            WorkspaceVisitor.Page page = visitor.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.html()).as(path).doesNotContain("<script>alert").doesNotContain("<img src=x")
                    .doesNotContain("<svg/onload").doesNotContain("href=\"javascript:").doesNotContain("<b>bold</b>")
                    .doesNotContain(">49<");
            assertThat(page.contentSecurityPolicy()).as(path).contains("script-src 'self'").doesNotContain("unsafe-inline");
        }
        String text = visitor.get("/consultations/" + hostile).text();
        assertThat(HOSTILE).allSatisfy(hostileText -> assertThat(text).contains(hostileText.strip()));
    }

    private static List<String> pages(String id) {
        String base = "/consultations/" + id;
        return List.of(base, base + "/history", base + "/versions/1", base + "/diff?from=1&to=2",
                base + "/text?asOf=" + Instant.now().plusSeconds(60), base + "/history/provisions/" + provision,
                base + "/provenance", base + "/timeline", base + "/dispositions", base + "/dispositions.csv", base + "/participation");
    }

    private static WorkspaceVisitor visitor(String reader) {
        WorkspaceVisitor visitor = new WorkspaceVisitor(concord);
        return reader == null ? visitor : visitor.signIn(tokens.get(reader));
    }

    private static String apiAnswer(String reader, String path) {
        return api.get(tokens.get(reader), path).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private static void collectBodies(JsonNode comment, List<String> bodies) {
        bodies.add(comment.get("body").asText());
        comment.get("replies").forEach(reply -> collectBodies(reply, bodies));
    }
}
