package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * The workspace's forms as a browser without JavaScript sends them (issue #16): a form without its CSRF token
 * writes nothing; the same form sent twice is done once; errors come back beside their fields in the page's
 * language; hostile text stays text; and the pages offer the forms only to whom the API allows them.
 */
class WorkspaceWritingIT {

    private static ConcordProcesses concord;
    private static ConcordApi api;
    private static String drafter;
    private static String delegate;
    private static String observer;
    private static String id;
    private static String provision;

    @BeforeAll
    static void anOpenConsultation() {
        concord = ConcordProcesses.shared();
        api = new ConcordApi(concord);
        String suffix = Long.toString(System.nanoTime(), 36);
        drafter = api.registerToken("Writing secretariat " + suffix, "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER");
        delegate = api.registerToken("Chile " + suffix, "STATE", "CL", "PARTICIPANT");
        observer = api.registerToken("Press " + suffix, "COMPANY", "GB", "OBSERVER");
        id = json(api.createConsultation(drafter, "Writing " + suffix, "PUBLIC"), 201).get("consultationId").asText();
        long opened = json(api.post(drafter, "/api/consultations/{id}/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(3)).toString()), id), 201).get("position").asLong();
        provision = json(api.get(null, "/api/consultations/{id}?minPosition={p}", id, opened), 200).at("/provisions/0/provisionId").asText();
    }

    @Test
    void a_form_without_its_csrf_token_is_refused_and_writes_nothing() {
        WorkspaceVisitor chile = new WorkspaceVisitor(concord).signIn(delegate);
        WorkspaceVisitor.Page form = chile.get("/consultations/" + id + "/comments/new?provisionId=" + provision);
        assertThat(form.field("_csrf")).isNotBlank();

        WorkspaceVisitor.Page refused = chile.postExactly("/consultations/" + id + "/comments", form(Map.of(
                "formKey", form.field("formKey"), "provisionId", provision, "body", "Without a token", "attribution", "ATTRIBUTED")));
        WorkspaceVisitor.Page forged = chile.postExactly("/consultations/" + id + "/comments", form(Map.of("_csrf", "forged",
                "formKey", form.field("formKey"), "provisionId", provision, "body", "With a forged token", "attribution", "ATTRIBUTED")));

        assertThat(refused.status()).isEqualTo(303);
        assertThat(refused.location()).isEqualTo("/form-expired");
        assertThat(forged.location()).isEqualTo("/form-expired");
        WorkspaceVisitor.Page expired = chile.get(refused.location());
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.text()).contains("This form has expired").contains("Nothing was recorded");
        assertThat(comments()).noneMatch(comment -> comment.get("body").asText().contains("token"));
    }

    @Test
    void the_same_form_sent_twice_is_done_once_and_answered_alike() {
        WorkspaceVisitor chile = new WorkspaceVisitor(concord).signIn(delegate);
        WorkspaceVisitor.Page form = chile.get("/consultations/" + id + "/amendments/new?provisionId=" + provision + "&kind=REPLACE");
        Map<String, String> fields = new LinkedHashMap<>(Map.of("formKey", form.field("formKey"), "provisionId", provision,
                "baseVersion", form.field("baseVersion"), "kind", "REPLACE", "text", "States should license every sale.",
                "justification", "Sent twice by a double click.", "action", "send"));

        WorkspaceVisitor.Page first = chile.post("/consultations/" + id + "/amendments", form(fields));
        WorkspaceVisitor.Page second = chile.post("/consultations/" + id + "/amendments", form(fields));

        assertThat(first.status()).isEqualTo(303);
        assertThat(second.status()).isEqualTo(303);
        assertThat(second.location()).isEqualTo(first.location()).contains("#a-");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json(api.get(null, "/api/consultations/{id}/amendments", id), 200))
                .filteredOn(amendment -> amendment.get("justification").asText().equals("Sent twice by a double click.")).hasSize(1));
    }

    @Test
    void errors_come_back_beside_their_fields_in_the_page_language_and_nothing_is_written() {
        WorkspaceVisitor chile = new WorkspaceVisitor(concord).signIn(delegate);
        WorkspaceVisitor.Page form = chile.get("/consultations/" + id + "/amendments/new?provisionId=" + provision + "&kind=INSERT_AFTER&lang=fr");

        WorkspaceVisitor.Page refused = chile.post("/consultations/" + id + "/amendments", form(Map.of("formKey", form.field("formKey"),
                "provisionId", provision, "baseVersion", form.field("baseVersion"), "kind", "INSERT_AFTER", "label", "1",
                "text", "x".repeat(20_001), "justification", " ", "action", "send")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.html()).contains("id=\"label-error\"").contains("id=\"text-error\"").contains("id=\"justification-error\"");
        assertThat(refused.text()).contains("Le texte a déjà une disposition 1").contains("Écrivez au plus 20").contains("Saisissez une justification")
                .contains("Il y a un problème");
        assertThat(refused.field("formKey")).as("a refused form is sent again as another request").isNotEqualTo(form.field("formKey"));
    }

    @Test
    void hostile_text_is_shown_as_text() {
        WorkspaceVisitor chile = new WorkspaceVisitor(concord).signIn(delegate);
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> «مرحبا» 中文 👩🏽‍⚖️";
        WorkspaceVisitor.Page form = chile.get("/consultations/" + id + "/comments/new?provisionId=" + provision);
        WorkspaceVisitor.Page posted = chile.post("/consultations/" + id + "/comments", form(Map.of("formKey", form.field("formKey"),
                "provisionId", provision, "body", hostile, "attribution", "CHATHAM_HOUSE")));
        assertThat(posted.status()).isEqualTo(303);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            WorkspaceVisitor.Page text = chile.get("/consultations/" + id);
            assertThat(text.html()).doesNotContain("<script>alert(1)").doesNotContain("<img src=x").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(text.text()).contains("«مرحبا» 中文 👩🏽‍⚖️");
        });
    }

    @Test
    void the_forms_are_offered_only_to_whom_the_api_allows_them() {
        WorkspaceVisitor anonymous = new WorkspaceVisitor(concord);
        WorkspaceVisitor press = new WorkspaceVisitor(concord).signIn(observer);
        WorkspaceVisitor chile = new WorkspaceVisitor(concord).signIn(delegate);
        WorkspaceVisitor secretariat = new WorkspaceVisitor(concord).signIn(drafter);

        assertThat(anonymous.get("/consultations/" + id).html()).doesNotContain("/comments/new").doesNotContain("/amendments/new");
        assertThat(press.get("/consultations/" + id).html()).doesNotContain("/comments/new").doesNotContain("/decisions");
        assertThat(chile.get("/consultations/" + id).html()).contains("/comments/new").contains("/amendments/new").doesNotContain("/rounds/close");
        assertThat(secretariat.get("/consultations/" + id).html()).contains("/comments/new").doesNotContain("/amendments/new")
                .contains("/rounds/close");

        assertThat(anonymous.get("/consultations/" + id + "/comments/new").status()).as("anonymous: to the sign-in").isEqualTo(303);
        assertThat(press.get("/consultations/" + id + "/comments/new").status()).isEqualTo(403);
        assertThat(chile.get("/consultations/" + id + "/decisions").status()).isEqualTo(403);
        assertThat(chile.get("/consultations/" + id + "/rounds/new").status()).isEqualTo(403);
        assertThat(press.get("/consultations/" + id + "/amendments/new?provisionId=" + provision).status()).isEqualTo(403);
    }

    @Test
    void an_administrator_registers_a_participant_whose_token_is_shown_once_then_revokes_them() {
        WorkspaceVisitor admin = new WorkspaceVisitor(concord).signIn(ConcordProcesses.ADMIN_TOKEN);
        WorkspaceVisitor.Page list = admin.get("/participants");
        assertThat(list.status()).isEqualTo(200);

        WorkspaceVisitor.Page refused = admin.post("/participants", form(Map.of("formKey", list.field("formKey"),
                "organisation", "", "displayName", "Ana", "stakeholderType", "STATE", "country", "Chile")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("Enter the organisation").contains("Write the country as two capital letters")
                .contains("Choose at least one role");

        String registration = "roles=PARTICIPANT&" + form(Map.of("formKey", refused.field("formKey"),
                "organisation", "Uruguay", "displayName", "Ana", "stakeholderType", "STATE", "country", "uy"));
        WorkspaceVisitor.Page registered = admin.post("/participants", registration);
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.text()).contains("This token is shown once");
        String token = registered.html().replaceAll("(?s).*id=\"token\"[^>]*value=\"([^\"]+)\".*", "$1");
        WorkspaceVisitor.Page again = admin.post("/participants", registration);
        assertThat(again.text()).as("a double click registers once, and the token is kept nowhere to show again")
                .contains("This registration was sent twice").doesNotContain(token);
        assertThat(json(api.get(token, "/api/me"), 200).get("country").asText()).isEqualTo("UY");
        assertThat(admin.get("/participants").html()).as("the list never shows a token").doesNotContain(token);

        String participantId = json(api.get(token, "/api/me"), 200).get("participantId").asText();
        assertThat(admin.get("/participants/" + participantId + "/audit").text()).contains("registered Ana for Uruguay");
        WorkspaceVisitor.Page confirm = admin.get("/participants/" + participantId + "/revoke");
        WorkspaceVisitor.Page revoked = admin.post("/participants/" + participantId + "/revoke", form(Map.of("formKey", confirm.field("formKey"))));
        assertThat(revoked.location()).isEqualTo("/participants?notice=revoked");
        api.get(token, "/api/me").expectStatus().isUnauthorized();

        assertThat(new WorkspaceVisitor(concord).signIn(delegate).get("/participants").status()).isEqualTo(403);
    }

    @Test
    void a_participant_proposes_a_consultation_and_a_drafter_revises_it_after_a_preview() {
        WorkspaceVisitor chile = new WorkspaceVisitor(concord).signIn(delegate);
        WorkspaceVisitor.Page form = chile.get("/consultations/new");
        WorkspaceVisitor.Page more = chile.post("/consultations/new", "title=Propuesta&label=1&text=Primera.&action=add&formKey=" + form.field("formKey"));
        assertThat(more.html().split("name=\"label\"", -1)).as("a row more, without JavaScript").hasSize(3);
        WorkspaceVisitor.Page created = chile.post("/consultations/new", "title=Propuesta%20chilena&visibility=PUBLIC&label=1&text=Primera."
                + "&label=1.a&text=Segunda.&label=&text=&action=create&formKey=" + more.field("formKey"));
        assertThat(created.status()).isEqualTo(303);
        String proposal = created.location().replaceFirst(".*/consultations/", "");
        JsonNode detail = await().atMost(Duration.ofSeconds(10)).until(() -> api.get(null, "/api/consultations/{id}", proposal)
                .returnResult(JsonNode.class).getResponseBody().blockFirst(), found -> found != null && found.has("provisions"));
        assertThat(detail.get("status").asText()).as("a participant's consultation is a proposal").isEqualTo("PROPOSED");
        String first = detail.at("/provisions/0/provisionId").asText();
        String second = detail.at("/provisions/1/provisionId").asText();

        WorkspaceVisitor secretariat = new WorkspaceVisitor(concord).signIn(drafter);
        WorkspaceVisitor.Page revise = secretariat.get("/consultations/" + proposal + "/revise");
        String edits = "baseVersion=1&text-" + first + "=Primera%20y%20mejor.&text-" + second + "=Segunda.&delete-" + second + "=yes"
                + "&reason=Claridad&formKey=" + revise.field("formKey");
        WorkspaceVisitor.Page preview = secretariat.post("/consultations/" + proposal + "/revisions", edits + "&action=preview");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.html()).contains("<ins>").contains("<del>").contains("Provision 1.a would be deleted");
        assertThat(json(api.get(null, "/api/consultations/{id}", proposal), 200).get("version").asInt()).as("a preview saves nothing").isEqualTo(1);

        WorkspaceVisitor.Page saved = secretariat.post("/consultations/" + proposal + "/revisions", edits + "&action=save");
        assertThat(saved.location()).endsWith("?notice=revised");
        JsonNode revised = await().atMost(Duration.ofSeconds(10)).until(() -> json(api.get(null, "/api/consultations/{id}", proposal), 200),
                found -> found.get("version").asInt() == 2);
        assertThat(revised.get("provisions")).hasSize(1);
        assertThat(revised.at("/provisions/0/text").asText()).isEqualTo("Primera y mejor.");

        WorkspaceVisitor.Page stale = secretariat.post("/consultations/" + proposal + "/revisions",
                "baseVersion=1&text-" + first + "=Otra.&reason=Tarde&action=save&formKey=" + revise.field("formKey"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text()).contains("The text was revised since you opened this form");
    }

    @Test
    void a_comment_on_words_shows_them_and_after_a_revision_what_became_of_them() {
        JsonNode created = json(api.createConsultation(drafter, "Words " + System.nanoTime(), "PUBLIC"), 201);
        String c = created.get("consultationId").asText();
        JsonNode detail = json(api.get(null, "/api/consultations/{id}?minPosition={p}", c, created.get("position").asLong()), 200);
        String first = detail.at("/provisions/0/provisionId").asText();
        String third = detail.at("/provisions/2/provisionId").asText();
        json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", Instant.now().plus(Duration.ofHours(1)).toString()), c), 201);
        WorkspaceVisitor chile = new WorkspaceVisitor(concord).signIn(delegate);
        // "States should regulate the sale of intrusion tools.": words 2 to 4; "Assessments should be published.": 2 to 4
        assertThat(commentOnWords(chile, c, first, 1, "Which sale?").status()).isEqualTo(303);
        assertThat(commentOnWords(chile, c, third, 1, "Published where?").status()).isEqualTo(303);
        assertThat(chile.get("/consultations/" + c).text()).contains("On the words: regulate the sale Which sale?")
                .contains("On the words: be published. Published where?");

        json(api.post(drafter, "/api/consultations/{id}/rounds/current/close", null, c), 200);
        json(api.post(drafter, "/api/consultations/{id}/revisions", Map.of("baseVersion", 1, "reason", "Second reading",
                "changes", List.of(Map.of("kind", "REPLACE", "provisionId", first, "text", "States should license the sale of intrusion tools."),
                        Map.of("kind", "DELETE", "provisionId", third))), c), 201);
        long reopened = json(api.post(drafter, "/api/consultations/{id}/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofHours(1)).toString()), c), 201).get("position").asLong();
        json(api.get(null, "/api/consultations/{id}/comments?minPosition={p}", c, reopened), 200);

        assertThat(chile.get("/consultations/" + c).text())
                .contains("On words changed since version 1, which read: regulate the sale They now read: the sale Which sale?")
                .contains("On removed text, which read in version 1: be published. Published where?");
        assertThat(chile.get("/consultations/" + c + "?lang=fr").text()).contains("Sur un texte supprimé, qui se lisait dans la version 1\u00a0: be published.");

        WorkspaceVisitor.Page stale = commentOnWords(chile, c, first, 1, "Selected before the revision.");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text()).as("in the language chosen last").contains("La disposition a été modifiée après que vous avez sélectionné ses mots");
        assertThat(stale.field("anchorStart")).as("offered again on the whole provision").isNull();
        assertThat(stale.html()).contains("Selected before the revision.</textarea>");
    }

    /** Comments through the workspace's form on words 2 to 4 of a provision as they read in {@code version}. */
    private static WorkspaceVisitor.Page commentOnWords(WorkspaceVisitor visitor, String consultationId, String provisionId, int version,
                                                        String body) {
        WorkspaceVisitor.Page form = visitor.get("/consultations/" + consultationId + "/comments/new?provisionId=" + provisionId
                + "&anchorVersion=" + version + "&anchorStart=2&anchorEnd=5");
        return visitor.post("/consultations/" + consultationId + "/comments", form(Map.of("formKey", form.field("formKey"),
                "provisionId", provisionId, "anchorVersion", String.valueOf(version), "anchorStart", "2", "anchorEnd", "5",
                "body", body, "attribution", "ATTRIBUTED")));
    }

    private static JsonNode comments() {
        return json(api.get(null, "/api/consultations/{id}/comments", id), 200);
    }

    private static String form(Map<String, String> fields) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((name, value) -> form.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }
}
