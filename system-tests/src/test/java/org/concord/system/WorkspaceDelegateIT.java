package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * A delegate's flows in the web workspace (issue #16): commenting (each attribution) and replying, proposing each
 * kind of amendment after a preview, a stale proposal explained and proposed again against the current version,
 * supporting, withdrawing support and withdrawing, the errors of each form in English and French, a form sent
 * twice or without its CSRF token, hostile text, selected words commented on, and "My activity": first as a
 * browser without JavaScript over HTTP, then in Chromium, with axe-core on each form in each state and a
 * delegate who uses only the keyboard.
 */
class WorkspaceDelegateIT {

    private static ConcordProcesses concord;
    private static ConcordApi api;
    private static String drafter;
    private static String chile;
    private static String acme;
    private static String id;
    private static List<String> provisions;

    @BeforeAll
    static void anOpenConsultation() {
        concord = ConcordProcesses.shared();
        api = new ConcordApi(concord);
        String suffix = Long.toString(System.nanoTime(), 36);
        drafter = api.registerToken("Delegates' secretariat " + suffix, "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER");
        chile = api.registerToken("Chile " + suffix, "STATE", "CL", "PARTICIPANT");
        acme = api.registerToken("Acme " + suffix, "COMPANY", "US", "PARTICIPANT");
        id = json(api.post(drafter, "/api/consultations", Map.of("title", "Delegates " + suffix, "visibility", "PUBLIC",
                "provisions", List.of(
                        Map.of("label", "1", "text", "States should regulate the sale of intrusion tools."),
                        Map.of("label", "2", "text", "Vendors should assess human-rights risks."),
                        Map.of("label", "2.a", "text", "Assessments should be published every year."),
                        Map.of("label", "3", "text", "States should share licensing decisions."),
                        Map.of("label", "4", "text", "Buyers should keep records of their purchases."),
                        Map.of("label", "5", "text", "This annex is reviewed after two years.")))), 201)
                .get("consultationId").asText();
        long opened = json(api.post(drafter, "/api/consultations/{id}/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(3)).toString()), id), 201).get("position").asLong();
        // read once the read side holds the round: a read that does not wait may come before the consultation's projection
        JsonNode detail = json(api.get(null, "/api/consultations/{id}?minPosition={p}", id, opened), 200);
        provisions = detail.get("provisions").findValuesAsText("provisionId");
    }

    // ---- over HTTP, as a browser without JavaScript ----

    @Test
    void a_delegate_comments_under_each_attribution_and_replies_nest_under_the_comment() {
        WorkspaceVisitor chileans = new WorkspaceVisitor(concord).signIn(chile);
        WorkspaceVisitor company = new WorkspaceVisitor(concord).signIn(acme);

        String attributed = comment(chileans, "provisionId=" + provisions.get(0), "Chile supports regulating every sale.", "ATTRIBUTED");
        String masked = comment(company, "provisionId=" + provisions.get(0), "Acme fears the cost of licences.", "CHATHAM_HOUSE");
        // another participant's comment: Chile's reads do not wait for Acme's write, so the form may first find no such comment
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(chileans.get("/consultations/" + id + "/comments/new?replyTo=" + masked).text())
                        .contains("Reply to a comment").contains("Acme fears the cost of licences."));
        String reply = comment(chileans, "replyTo=" + masked, "Licences can be free for small firms.", "ATTRIBUTED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String page = new WorkspaceVisitor(concord).get("/consultations/" + id).html();
            assertThat(page).contains("id=\"c-" + attributed + "\"").contains("id=\"c-" + masked + "\"");
            String thread = page.substring(page.indexOf("id=\"c-" + masked + "\""));
            assertThat(thread.substring(thread.indexOf("comment__replies"))).as("the reply nests under the comment it answers")
                    .startsWith("comment__replies").contains("id=\"c-" + reply + "\"");
        });
        String page = new WorkspaceVisitor(concord).get("/consultations/" + id).html();
        assertThat(between(page, "id=\"c-" + attributed + "\"", "comment__body")).contains("Chile ").contains("(State)");
        assertThat(between(page, "id=\"c-" + masked + "\"", "comment__body")).as("a Chatham House author is not named to readers")
                .contains("A participant (Company)").contains("Chatham House rule").doesNotContain("Acme");
    }

    @Test
    void each_kind_of_amendment_is_previewed_as_tracked_changes_then_sent() {
        WorkspaceVisitor chileans = new WorkspaceVisitor(concord).signIn(chile);

        WorkspaceVisitor.Page replace = chileans.get(amendmentForm(provisions.get(0), "REPLACE"));
        assertThat(replace.text()).contains("You write against version");
        assertThat(replace.html()).contains("States should regulate the sale of intrusion tools.</textarea>");
        Map<String, String> fields = fields(replace, "/amendments");
        fields.putAll(Map.of("kind", "REPLACE", "text", "States should license the sale of intrusion tools.",
                "justification", "Licensing is clearer than regulation."));
        WorkspaceVisitor.Page preview = chileans.post("/consultations/" + id + "/amendments", encode(fields, "action", "preview"));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.html()).contains("<ins><span class=\"visually-hidden\">inserted: </span>license")
                .contains("<del><span class=\"visually-hidden\">deleted: </span>regulate").contains("value=\"send\"");
        assertThat(amendmentsBy("Licensing is clearer than regulation.")).as("a preview sends nothing").isEmpty();
        WorkspaceVisitor.Page sent = chileans.post("/consultations/" + id + "/amendments", encode(fields(preview, "/amendments"), "action", "send"));
        assertThat(sent.status()).isEqualTo(303);
        assertThat(sent.location()).startsWith("/consultations/" + id + "#a-");

        WorkspaceVisitor.Page insert = chileans.get(amendmentForm(provisions.get(2), "INSERT_AFTER"));
        assertThat(insert.field("label")).as("the next free label after 2.a").isEqualTo("2.b");
        Map<String, String> inserted = fields(insert, "/amendments");
        inserted.putAll(Map.of("kind", "INSERT_AFTER", "label", "2.b", "text", "Assessments should be audited.", "justification", "Trust."));
        assertThat(chileans.post("/consultations/" + id + "/amendments", encode(inserted, "action", "send")).status()).isEqualTo(303);

        WorkspaceVisitor.Page delete = chileans.get(amendmentForm(provisions.get(5), "DELETE"));
        assertThat(delete.text()).contains("This annex is reviewed after two years.");
        Map<String, String> deleted = fields(delete, "/amendments");
        deleted.putAll(Map.of("kind", "DELETE", "justification", "A review clause is not needed."));
        WorkspaceVisitor.Page deletePreview = chileans.post("/consultations/" + id + "/amendments", encode(deleted, "action", "preview"));
        assertThat(deletePreview.text()).contains("Provision 5 would be deleted");
        assertThat(chileans.post("/consultations/" + id + "/amendments", encode(deleted, "action", "send")).status()).isEqualTo(303);

        assertThat(amendmentsBy("Licensing is clearer than regulation.", 1)).singleElement()
                .satisfies(amendment -> assertThat(amendment.get("kind").asText()).isEqualTo("REPLACE"));
        assertThat(amendmentsBy("Trust.", 1)).singleElement().satisfies(amendment -> assertThat(amendment.get("label").asText()).isEqualTo("2.b"));
        assertThat(amendmentsBy("A review clause is not needed.", 1)).singleElement()
                .satisfies(amendment -> assertThat(amendment.get("kind").asText()).isEqualTo("DELETE"));
    }

    @Test
    void a_stale_proposal_is_refused_with_the_current_wording_and_proposed_again_against_the_current_version() {
        WorkspaceVisitor chileans = new WorkspaceVisitor(concord).signIn(chile);
        WorkspaceVisitor.Page form = chileans.get(amendmentForm(provisions.get(3), "REPLACE"));
        int written = Integer.parseInt(form.field("baseVersion"));
        int current = changeByAnotherDelegation(provisions.get(3), "States should publish licensing decisions.");

        Map<String, String> fields = fields(form, "/amendments");
        fields.putAll(Map.of("kind", "REPLACE", "text", "States should share licensing decisions within a month.",
                "justification", "A time limit."));
        WorkspaceVisitor.Page stale = chileans.post("/consultations/" + id + "/amendments", encode(fields, "action", "send"));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.text()).contains("The provision has changed since you started")
                .contains("Provision 3 has changed since version " + written)
                .contains("Provision 3 reads now: States should publish licensing decisions.")
                .contains("Propose again against version " + current);
        assertThat(stale.html()).contains("<del><span class=\"visually-hidden\">deleted: </span>share")
                .contains("<ins><span class=\"visually-hidden\">inserted: </span>publish");
        assertThat(amendmentsBy("A time limit.")).as("nothing is sent before the delegate chooses").isEmpty();

        WorkspaceVisitor.Page again = chileans.post("/consultations/" + id + "/amendments", encode(fields(stale, "/amendments"), "action", "rebase"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.field("baseVersion")).isEqualTo(String.valueOf(current));
        assertThat(again.html()).as("the delegate's wording is kept").contains("within a month.</textarea>").contains("value=\"send\"");
        assertThat(again.text()).doesNotContain("The provision has changed since you started");
        WorkspaceVisitor.Page sent = chileans.post("/consultations/" + id + "/amendments", encode(fields(again, "/amendments"), "action", "send"));
        assertThat(sent.status()).isEqualTo(303);
        assertThat(amendmentsBy("A time limit.", 1)).singleElement().satisfies(amendment -> {
            assertThat(amendment.get("baseVersion").asInt()).isEqualTo(current);
            assertThat(amendment.get("stale").asBoolean()).isFalse();
        });
    }

    @Test
    void a_delegate_supports_withdraws_support_and_the_author_withdraws_after_confirming() {
        String amendment = proposeByApi(chile, provisions.get(4), "Buyers should keep records for five years.", "Records need a term.");
        WorkspaceVisitor company = new WorkspaceVisitor(concord).signIn(acme);
        WorkspaceVisitor chileans = new WorkspaceVisitor(concord).signIn(chile);
        String support = "/consultations/" + id + "/amendments/" + amendment + "/support";
        WorkspaceVisitor.Page page = await().atMost(Duration.ofSeconds(10)).until(() -> company.get("/consultations/" + id),
                found -> found.html().contains("action=\"" + support + "\""));

        WorkspaceVisitor.Page supported = company.post(support, encode(fields(page, support)));
        assertThat(supported.location()).isEqualTo("/consultations/" + id + "?notice=supported#a-" + amendment);
        assertThat(company.get(supported.location()).text()).contains("You now support this amendment.")
                .contains("Supported by 1").contains("Company: 1");
        await().atMost(Duration.ofSeconds(10)).until(() -> json(api.get(null, "/api/consultations/{id}/amendments/{a}", id, amendment), 200)
                .at("/supporters/total").asInt() == 1);

        WorkspaceVisitor.Page twice = company.post(support, encode(fields(company.get("/consultations/" + id), support)));
        assertThat(twice.location()).contains("notice=already-supported");
        WorkspaceVisitor.Page unsupported = company.post("/consultations/" + id + "/amendments/" + amendment + "/unsupport", "");
        assertThat(unsupported.location()).contains("notice=unsupported");
        await().atMost(Duration.ofSeconds(10)).until(() -> json(api.get(null, "/api/consultations/{id}/amendments/{a}", id, amendment), 200)
                .at("/supporters/total").asInt() == 0);

        WorkspaceVisitor.Page own = chileans.get("/consultations/" + id);
        assertThat(own.html()).as("the author is offered no support button").doesNotContain("action=\"" + support + "\"");
        WorkspaceVisitor.Page refused = chileans.post(support, "formKey=" + java.util.UUID.randomUUID());
        assertThat(refused.status()).as("a refusal is a notice, never an error page").isEqualTo(303);
        assertThat(chileans.get(refused.location()).text()).contains("You cannot support your own amendment.");

        assertThat(company.get("/consultations/" + id + "/amendments/" + amendment + "/withdraw").text())
                .contains("Only its author can withdraw an amendment.");
        WorkspaceVisitor.Page confirm = chileans.get("/consultations/" + id + "/amendments/" + amendment + "/withdraw");
        assertThat(confirm.text()).contains("Withdraw your amendment to provision 4").contains("Buyers should keep records for five years.");
        String withdraw = "/consultations/" + id + "/amendments/" + amendment + "/withdraw";
        WorkspaceVisitor.Page withdrawn = chileans.post(withdraw, encode(fields(confirm, withdraw)));
        assertThat(withdrawn.location()).isEqualTo("/consultations/" + id + "?notice=withdrawn#a-" + amendment);
        await().atMost(Duration.ofSeconds(10)).until(() -> json(api.get(null, "/api/consultations/{id}/amendments/{a}", id, amendment), 200)
                .get("status").asText().equals("WITHDRAWN"));
        assertThat(company.post(support, "formKey=" + java.util.UUID.randomUUID()).location()).contains("notice=not-pending");
    }

    @Test
    void errors_are_shown_beside_their_fields_in_english_and_in_french_and_nothing_is_written() {
        for (String language : List.of("en", "fr")) {
            WorkspaceVisitor chileans = new WorkspaceVisitor(concord).signIn(chile);
            WorkspaceVisitor.Page form = chileans.get(amendmentForm(provisions.get(1), "INSERT_AFTER") + "&lang=" + language);
            Map<String, String> fields = fields(form, "/amendments");
            fields.putAll(Map.of("kind", "INSERT_AFTER", "label", "2 b", "text", "x".repeat(20_001), "justification", "  "));
            WorkspaceVisitor.Page refused = chileans.post("/consultations/" + id + "/amendments", encode(fields, "action", "send"));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.html()).contains("id=\"label-error\"").contains("id=\"text-error\"").contains("id=\"justification-error\"")
                    .contains("aria-describedby=\"label-hint label-error\"").contains("aria-invalid=\"true\"");
            String text = refused.text();
            if (language.equals("en")) {
                assertThat(text).contains("There is a problem").contains("Write a number like 1, 2.a or 2.a.i")
                        .contains("Write at most 20,000 characters").contains("Enter a justification");
            } else {
                assertThat(text).contains("Il y a un problème").contains("Écrivez un numéro comme 1, 2.a ou 2.a.i")
                        .contains("Écrivez au plus 20").contains("Saisissez une justification");
            }
            assertThat(between(refused.html(), "id=\"label-error\"", "id=\"label\"")).as("the label's message is beside the label field")
                    .doesNotContain("<textarea");

            WorkspaceVisitor.Page comment = chileans.get("/consultations/" + id + "/comments/new?provisionId=" + provisions.get(1));
            Map<String, String> blank = fields(comment, "/comments");
            blank.put("body", " ");
            WorkspaceVisitor.Page blankRefused = chileans.post("/consultations/" + id + "/comments", encode(blank));
            assertThat(blankRefused.status()).isEqualTo(400);
            assertThat(blankRefused.html()).contains("id=\"body-error\"").contains("id=\"attribution-ATTRIBUTED-error\"");
            assertThat(blankRefused.text()).contains(language.equals("en") ? "Enter your comment" : "Saisissez votre commentaire")
                    .contains(language.equals("en") ? "Choose who will see your name" : "Choisissez qui verra votre nom");
            Map<String, String> tooLong = fields(blankRefused, "/comments");
            tooLong.putAll(Map.of("body", "y".repeat(10_001), "attribution", "ATTRIBUTED"));
            WorkspaceVisitor.Page longRefused = chileans.post("/consultations/" + id + "/comments", encode(tooLong));
            assertThat(longRefused.text()).contains(language.equals("en") ? "Write at most 10,000 characters" : "Écrivez au plus 10");
        }
        assertThat(json(api.get(null, "/api/consultations/{id}/amendments", id), 200))
                .noneMatch(amendment -> amendment.path("text").asText().startsWith("xxxxx"));
        assertThat(json(api.get(null, "/api/consultations/{id}/comments", id), 200)).noneMatch(comment -> comment.get("body").asText().startsWith("yyyyy"));
    }

    @Test
    void the_same_form_sent_twice_makes_one_amendment_and_a_form_without_its_csrf_token_makes_none() {
        WorkspaceVisitor chileans = new WorkspaceVisitor(concord).signIn(chile);
        WorkspaceVisitor.Page form = chileans.get(amendmentForm(provisions.get(1), "REPLACE"));
        Map<String, String> fields = fields(form, "/amendments");
        fields.putAll(Map.of("kind", "REPLACE", "text", "Vendors must assess human-rights risks.", "justification", "Clicked twice."));

        WorkspaceVisitor.Page first = chileans.post("/consultations/" + id + "/amendments", encode(fields, "action", "send"));
        WorkspaceVisitor.Page second = chileans.post("/consultations/" + id + "/amendments", encode(fields, "action", "send"));
        assertThat(second.location()).isEqualTo(first.location()).contains("#a-");
        assertThat(amendmentsBy("Clicked twice.", 1)).hasSize(1);

        fields.put("justification", "Without a token.");
        WorkspaceVisitor.Page expired = chileans.postExactly("/consultations/" + id + "/amendments", encode(fields, "action", "send"));
        assertThat(expired.location()).isEqualTo("/form-expired");
        assertThat(chileans.get(expired.location()).status()).isEqualTo(403);
        WorkspaceVisitor.Page withoutOnSupport = chileans.postExactly("/consultations/" + id + "/amendments/"
                + amendmentsBy("Clicked twice.").get(0).get("amendmentId").asText() + "/unsupport", "");
        assertThat(withoutOnSupport.location()).isEqualTo("/form-expired");
        assertThat(amendmentsBy("Without a token.")).isEmpty();
    }

    @Test
    void hostile_text_in_an_amendment_is_shown_as_text_in_the_preview_and_on_the_page() {
        WorkspaceVisitor chileans = new WorkspaceVisitor(concord).signIn(chile);
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)> «مرحبا» 中文 👩🏽‍⚖️";
        WorkspaceVisitor.Page form = chileans.get(amendmentForm(provisions.get(2), "REPLACE"));
        Map<String, String> fields = fields(form, "/amendments");
        fields.putAll(Map.of("kind", "REPLACE", "text", "Assessments " + hostile, "justification", "Hostile " + hostile));
        WorkspaceVisitor.Page preview = chileans.post("/consultations/" + id + "/amendments", encode(fields, "action", "preview"));
        assertThat(preview.html()).doesNotContain("<script>alert(1)").doesNotContain("<img src=x").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(chileans.post("/consultations/" + id + "/amendments", encode(fields, "action", "send")).status()).isEqualTo(303);

        WorkspaceVisitor.Page page = chileans.get("/consultations/" + id);
        assertThat(page.html()).doesNotContain("<script>alert(1)").doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(2)&gt;");
        assertThat(page.text()).contains("«مرحبا» 中文 👩🏽‍⚖️");
    }

    @Test
    void a_comment_on_selected_words_quotes_them_and_carries_their_anchor() {
        WorkspaceVisitor chileans = new WorkspaceVisitor(concord).signIn(chile);
        int version = json(api.get(null, "/api/consultations/{id}", id), 200).get("version").asInt();
        WorkspaceVisitor.Page form = chileans.get("/consultations/" + id + "/comments/new?provisionId=" + provisions.get(0)
                + "&anchorVersion=" + version + "&anchorStart=3&anchorEnd=5");

        assertThat(form.text()).contains("Comment on words of provision 1").contains("The 2 words you selected in provision 1")
                .contains("the sale");
        assertThat(form.field("anchorStart")).isEqualTo("3");
        assertThat(form.field("anchorEnd")).isEqualTo("5");
        Map<String, String> fields = fields(form, "/comments");
        fields.putAll(Map.of("body", "Which sale: the first or any resale?", "attribution", "ATTRIBUTED"));
        assertThat(chileans.post("/consultations/" + id + "/comments", encode(fields)).status()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json(api.get(null, "/api/consultations/{id}/comments", id), 200))
                .anyMatch(comment -> comment.get("body").asText().equals("Which sale: the first or any resale?")
                        && comment.get("provisionId").asText().equals(provisions.get(0))));

        WorkspaceVisitor.Page outside = chileans.get("/consultations/" + id + "/comments/new?provisionId=" + provisions.get(0)
                + "&anchorVersion=" + version + "&anchorStart=3&anchorEnd=99");
        assertThat(outside.text()).as("words the provision does not have: a comment on the whole provision")
                .contains("Comment on provision 1").doesNotContain("you selected");
        assertThat(outside.field("anchorStart")).isNull();

        WorkspaceVisitor.Page replace = chileans.get(amendmentForm(provisions.get(0), "REPLACE") + "&version=" + version + "&selStart=3&selEnd=5");
        assertThat(replace.text()).contains("You selected \"the sale\"");
        assertThat(replace.html()).contains("data-select-from=\"").contains("aria-describedby=\"text-hint text-selection\"");
    }

    @Test
    void selecting_words_is_offered_to_who_may_comment_and_amending_them_to_who_may_amend() {
        String observer = api.registerToken("Press " + System.nanoTime(), "COMPANY", "GB", "OBSERVER");

        String delegatePage = new WorkspaceVisitor(concord).signIn(chile).get("/consultations/" + id).html();
        String drafterPage = new WorkspaceVisitor(concord).signIn(drafter).get("/consultations/" + id).html();
        String observerPage = new WorkspaceVisitor(concord).signIn(observer).get("/consultations/" + id).html();
        String anonymousPage = new WorkspaceVisitor(concord).get("/consultations/" + id).html();

        assertThat(delegatePage).contains("id=\"selection-kit\"").contains("data-action=\"replace\"").contains("/js/selection.js")
                .contains("data-select-name=\"Select words in provision 2.a\"");
        assertThat(drafterPage).as("a drafter comments, and does not amend").contains("id=\"selection-kit\"")
                .contains("data-action=\"comment\"").doesNotContain("data-action=\"replace\"").doesNotContain("/amendments/new");
        assertThat(observerPage).doesNotContain("selection-kit").doesNotContain("data-provision-id").doesNotContain("/js/selection.js");
        assertThat(anonymousPage).doesNotContain("selection-kit").doesNotContain("data-provision-id").doesNotContain("/js/selection.js");
    }

    @Test
    void a_comment_on_a_provision_leads_to_that_provisions_page_which_shows_it_at_once() {
        WorkspaceVisitor chileans = new WorkspaceVisitor(concord).signIn(chile);
        String path = "/consultations/" + id + "/provisions/" + provisions.get(3);
        String commentId = commentThrough(chileans, "/consultations/" + id + "/comments/new?provisionId=" + provisions.get(3),
                "Who keeps the register of licences?", "CHATHAM_HOUSE", path);

        // the page the form leads to waits for the write: the comment is there at the first read
        WorkspaceVisitor.Page page = chileans.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.html()).contains("id=\"c-" + commentId + "\"").contains("Who keeps the register of licences?");
        assertThat(page.text()).contains("Provision 3").as("only this provision").doesNotContain("Vendors should assess human-rights risks.");
        assertThat(chileans.get("/consultations/" + id).html()).as("the text page links to it").contains("href=\"" + path + "\"");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(new WorkspaceVisitor(concord).get(path).html())
                .contains("id=\"c-" + commentId + "\""));
        assertThat(between(new WorkspaceVisitor(concord).get(path).html(), "id=\"c-" + commentId + "\"", "comment__body"))
                .as("a Chatham House author is not named to readers").contains("A participant (State)").doesNotContain("Chile");
        assertThat(new WorkspaceVisitor(concord).get("/consultations/" + id + "/provisions/no-such-provision").status()).isEqualTo(404);
    }

    @Test
    void a_comment_on_an_amendment_a_reply_and_a_withdrawal_begun_on_a_provisions_page_lead_back_there() {
        String amendment = proposeByApi(acme, provisions.get(5), "This annex is reviewed after three years.", "Three years.");
        String path = "/consultations/" + id + "/provisions/" + provisions.get(5);
        WorkspaceVisitor chileans = new WorkspaceVisitor(concord).signIn(chile);

        String onAmendment = hrefOf(chileans.get(path).html(), "amendmentId=" + amendment);
        assertThat(onAmendment).contains("fromProvision=" + provisions.get(5));
        String commentId = commentThrough(chileans, onAmendment, "Three years is too long.", "ATTRIBUTED", path);
        assertThat(chileans.get(path).html()).contains("id=\"c-" + commentId + "\"").contains("Three years is too long.");

        WorkspaceVisitor acmes = new WorkspaceVisitor(concord).signIn(acme);
        String page = acmes.get(path).html();
        String reply = hrefOf(page, "replyTo=" + commentId);
        assertThat(reply).contains("fromProvision=" + provisions.get(5));
        String replyId = commentThrough(acmes, reply, "Two, then.", "ATTRIBUTED", path);
        assertThat(acmes.get(path).html()).contains("id=\"c-" + replyId + "\"").contains("Two, then.");

        // from the text page, the same links lead back to the text page
        assertThat(hrefOf(acmes.get("/consultations/" + id).html(), "replyTo=" + commentId)).doesNotContain("fromProvision");

        String withdrawal = hrefOf(page, "/amendments/" + amendment + "/withdraw");
        assertThat(withdrawal).contains("fromProvision=" + provisions.get(5));
        WorkspaceVisitor.Page confirm = acmes.get(withdrawal);
        assertThat(confirm.html()).contains("href=\"" + path + "#a-" + amendment + "\"");
        WorkspaceVisitor.Page withdrawn = acmes.post("/consultations/" + id + "/amendments/" + amendment + "/withdraw",
                encode(fields(confirm, "/withdraw")));
        assertThat(withdrawn.status()).isEqualTo(303);
        URI answer = URI.create(withdrawn.location());
        assertThat(answer.getPath()).isEqualTo(path);
        assertThat(answer.getQuery() + "#" + answer.getFragment()).isEqualTo("notice=withdrawn#a-" + amendment);
    }

    /**
     * Sends the comment form at {@code formPath} with this text and attribution, as a browser without JavaScript;
     * answers the comment's id, once the answer led to {@code leadsTo}.
     */
    private static String commentThrough(WorkspaceVisitor visitor, String formPath, String body, String attribution, String leadsTo) {
        Map<String, String> fields = fields(visitor.get(formPath), "/comments");
        fields.putAll(Map.of("body", body, "attribution", attribution));
        WorkspaceVisitor.Page posted = visitor.post("/consultations/" + id + "/comments", encode(fields));
        assertThat(posted.status()).isEqualTo(303);
        assertThat(URI.create(posted.location()).getPath()).isEqualTo(leadsTo);
        return posted.location().replaceFirst(".*#c-", "");
    }

    /** The address of the first link whose address contains {@code part}, its entities decoded. */
    private static String hrefOf(String html, String part) {
        Matcher link = Pattern.compile("href=\"([^\"]*" + Pattern.quote(part.replace("&", "&amp;")) + "[^\"]*)\"").matcher(html);
        assertThat(link.find()).as("a link to " + part).isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    @Test
    void my_activity_lists_my_comments_and_amendments_with_what_became_of_each() {
        String participant = api.registerToken("Peru " + System.nanoTime(), "STATE", "PE", "PARTICIPANT");
        WorkspaceVisitor peru = new WorkspaceVisitor(concord).signIn(participant);
        WorkspaceVisitor.Page empty = peru.get("/my-activity");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.text()).contains("You have not commented or proposed an amendment yet.");
        assertThat(peru.get("/").html()).as("the header links to it").contains("href=\"/my-activity\"");

        String rejected = proposeByApi(participant, provisions.get(1), "Vendors should assess risks.", "Shorter.");
        json(api.post(drafter, "/api/consultations/{id}/amendments/{a}/reject", Map.of("reason", "Too vague."), id, rejected), 200);
        proposeByApi(participant, provisions.get(0), "States should ban the sale of intrusion tools.", "Ban.");
        String commented = comment(peru, "provisionId=" + provisions.get(2), "Published where?", "ATTRIBUTED");
        comment(new WorkspaceVisitor(concord).signIn(acme), "replyTo=" + commented, "On the vendor's site.", "ATTRIBUTED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            WorkspaceVisitor.Page activity = peru.get("/my-activity");
            assertThat(activity.text()).contains("Rejected: Too vague.").contains("Pending").contains("Published where?").contains("1 reply");
            assertThat(activity.html()).as("a pending amendment and a comment link to their place, a decided amendment to the dispositions")
                    .contains("/consultations/" + id + "#a-").contains("/consultations/" + id + "#c-" + commented)
                    .contains("/consultations/" + id + "/dispositions");
        });
    }

    // ---- in Chromium ----

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr"})
    void every_form_of_a_delegate_passes_axe_in_each_state(String language) {
        String amendment = proposeByApi(acme, provisions.get(4), "Buyers should keep records of every purchase.", "Every purchase.");
        try (Browser browser = signedIn(chile, language)) {
            browser.navigate(at("/consultations/" + id));
            browser.assertNoAccessibilityViolations("text page, signed in as a delegate (" + language + ")");
            browser.screenshot(Browser.SCREENSHOTS.resolve("delegate-text-" + language + ".png"));
            WebElement words = browser.find(By.cssSelector("#p-" + provisions.get(1) + " .provision__body"));
            // a double click on the first word (offsets are from the element's centre)
            new Actions(browser.driver()).moveToElement(words, -words.getSize().getWidth() / 2 + 15, 0).doubleClick().perform();
            await().atMost(Duration.ofSeconds(5)).until(() -> !browser.findAll(By.cssSelector(".selection-toolbar")).isEmpty());
            assertThat(browser.findAll(By.cssSelector(".word--selected"))).extracting(WebElement::getText).containsExactly("Vendors");
            browser.assertNoAccessibilityViolations("text page, words selected with the mouse (" + language + ")");

            browser.navigate(at(amendmentForm(provisions.get(3), "REPLACE")));
            browser.assertNoAccessibilityViolations("amendment form (" + language + ")");
            browser.find(By.id("justification")).clear();
            click(browser, By.cssSelector("button[name=action][value=preview]"));
            assertThat(browser.findAll(By.cssSelector(".error-summary"))).hasSize(1);
            browser.assertNoAccessibilityViolations("amendment form with errors (" + language + ")");
            WebElement text = browser.find(By.id("text"));
            text.clear();
            text.sendKeys("States should publish their licensing decisions at once.");
            browser.find(By.id("justification")).sendKeys("Openness.");
            click(browser, By.cssSelector("button[name=action][value=preview]"));
            assertThat(browser.find(By.cssSelector(".preview")).findElements(By.tagName("ins"))).isNotEmpty();
            browser.assertNoAccessibilityViolations("amendment form, previewed (" + language + ")");
            browser.screenshot(Browser.SCREENSHOTS.resolve("delegate-preview-" + language + ".png"));
            changeByAnotherDelegation(provisions.get(3), "States should publish licensing decisions " + language + ".");
            click(browser, By.cssSelector("button[name=action][value=send]"));
            assertThat(browser.findAll(By.cssSelector(".stale-notice"))).hasSize(1);
            browser.assertNoAccessibilityViolations("amendment form, stale (" + language + ")");
            browser.screenshot(Browser.SCREENSHOTS.resolve("delegate-stale-" + language + ".png"));

            browser.navigate(at(amendmentForm(provisions.get(1), "REPLACE") + "&selStart=1&selEnd=3"));
            assertThat(browser.focused().getAttribute("id")).as("the wording's field, the selected words selected in it").isEqualTo("text");
            assertThat(browser.driver().executeScript("var f = document.activeElement; return f.value.substring(f.selectionStart, f.selectionEnd)"))
                    .isEqualTo("should assess");
            browser.assertNoAccessibilityViolations("amendment form from selected words (" + language + ")");

            browser.navigate(at("/consultations/" + id + "/comments/new?provisionId=" + provisions.get(1)));
            browser.assertNoAccessibilityViolations("comment form (" + language + ")");
            click(browser, By.cssSelector("form.comment-form button[type=submit]"));
            assertThat(browser.findAll(By.cssSelector(".error-summary"))).hasSize(1);
            browser.assertNoAccessibilityViolations("comment form with errors (" + language + ")");
            browser.navigate(at("/consultations/" + id + "/comments/new?provisionId=" + provisions.get(1) + "&anchorVersion="
                    + json(api.get(null, "/api/consultations/{id}", id), 200).get("version").asInt() + "&anchorStart=0&anchorEnd=2"));
            browser.assertNoAccessibilityViolations("comment form on selected words (" + language + ")");
            browser.navigate(at("/consultations/" + id + "/amendments/" + amendment + "/withdraw"));
            browser.assertNoAccessibilityViolations("withdrawal confirmation, not one's own (" + language + ")");
            browser.navigate(at("/my-activity"));
            browser.assertNoAccessibilityViolations("my activity (" + language + ")");
            browser.screenshot(Browser.SCREENSHOTS.resolve("delegate-activity-" + language + ".png"));
            // a provision's page with a pending amendment beside it (Acme's, which Chile may support)
            browser.navigate(at("/consultations/" + id + "/provisions/" + provisions.get(4)));
            assertThat(browser.find(By.cssSelector("#a-" + amendment)).isDisplayed()).isTrue();
            browser.assertNoAccessibilityViolations("a provision's page with a pending amendment (" + language + ")");
            browser.screenshot(Browser.SCREENSHOTS.resolve("delegate-provision-" + language + ".png"));
            // its Support button answers on the same page, saying what happened
            browser.whileLoading(() -> browser.find(By.cssSelector("#a-" + amendment + " form[action$='/support'] button")).click());
            assertThat(browser.currentUri().getPath()).isEqualTo("/consultations/" + id + "/provisions/" + provisions.get(4));
            assertThat(browser.find(By.cssSelector("main .notice")).isDisplayed()).isTrue();
            browser.assertNoAccessibilityViolations("a provision's page after a support (" + language + ")");
            List<String> errors = browser.consoleErrors();
            assertThat(errors).as("only the 400 and 409 answers of the forms sent back").allMatch(error -> error.contains("status of 400")
                    || error.contains("status of 409"));
        }
    }

    @Test
    void a_delegate_proposes_comments_supports_and_comments_on_selected_words_with_the_keyboard_only() throws java.io.IOException {
        String others = proposeByApi(acme, provisions.get(2), "Assessments should be published every month.", "More often.");
        try (Browser browser = signedIn(chile, "en")) {
            browser.navigate(at("/consultations/" + id));
            tabTo(browser, element -> "Propose new wording for provision 1".equals(element.getAttribute("aria-label")));
            pressAndWait(browser, Keys.ENTER);
            assertThat(browser.focused().getTagName()).as("after Tab from the page's start").isNotNull();
            tabTo(browser, element -> "text".equals(element.getAttribute("id")));
            new Actions(browser.driver()).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys("States should forbid the sale of intrusion tools.").perform();
            tabTo(browser, element -> "justification".equals(element.getAttribute("id")));
            new Actions(browser.driver()).sendKeys("Typed with the keyboard.").perform();
            tabTo(browser, element -> "preview".equals(element.getAttribute("value")));
            pressAndWait(browser, Keys.ENTER);
            tabTo(browser, element -> "send".equals(element.getAttribute("value")));
            pressAndWait(browser, Keys.ENTER);
            assertThat(browser.currentUri().getPath()).isEqualTo("/consultations/" + id);
            assertThat(amendmentsBy("Typed with the keyboard.", 1)).hasSize(1);

            tabTo(browser, element -> "Comment on provision 3".equals(element.getAttribute("aria-label")));
            pressAndWait(browser, Keys.ENTER);
            tabTo(browser, element -> "body".equals(element.getAttribute("id")));
            new Actions(browser.driver()).sendKeys("A comment typed with the keyboard.").perform();
            tabTo(browser, element -> "attribution-ATTRIBUTED".equals(element.getAttribute("id")));
            browser.press(Keys.SPACE);
            tabTo(browser, element -> "submit".equals(element.getAttribute("type")));
            pressAndWait(browser, Keys.ENTER);
            assertThat(browser.currentUri().getPath()).isEqualTo("/consultations/" + id + "/provisions/" + provisions.get(3));
            assertThat(browser.find(By.cssSelector("main")).getText()).contains("A comment typed with the keyboard.");

            browser.navigate(at("/consultations/" + id));
            tabTo(browser, element -> String.valueOf(element.getAttribute("aria-label")).startsWith("Support: New wording proposed by Acme")
                    && element.findElement(By.xpath("./ancestor::form")).getAttribute("action").contains(others));
            pressAndWait(browser, Keys.SPACE);
            assertThat(browser.find(By.cssSelector("main .notice")).getText()).isEqualTo("You now support this amendment.");
            await().atMost(Duration.ofSeconds(10)).until(() -> json(api.get(null, "/api/consultations/{id}/amendments/{a}", id, others), 200)
                    .at("/supporters/total").asInt() == 1);

            tabTo(browser, element -> "Select words in provision 2.a".equals(element.getAttribute("aria-label")));
            browser.press(Keys.ENTER);
            assertThat(browser.focused().getAttribute("class")).contains("provision__body--selecting");
            browser.press(Keys.ARROW_RIGHT);
            new Actions(browser.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT).keyUp(Keys.SHIFT).perform();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(browser.find(By.id("selection-status")).getAttribute("textContent"))
                    .isEqualTo("2 words selected: should be"));
            assertThat(browser.findAll(By.cssSelector("#p-" + provisions.get(2) + " .word--selected"))).extracting(WebElement::getText)
                    .containsExactly("should", "be");
            browser.assertNoAccessibilityViolations("selection mode with two words selected");
            // the window only, on the provision: the whole page is long
            browser.driver().executeScript("document.getElementById('p-" + provisions.get(2) + "').scrollIntoView({block: 'center'})");
            java.nio.file.Files.createDirectories(Browser.SCREENSHOTS);
            java.nio.file.Files.write(Browser.SCREENSHOTS.resolve("delegate-selection-en.png"),
                    browser.driver().getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
            browser.press(Keys.TAB);
            assertThat(browser.focused().getText()).isEqualTo("Comment on the selection");
            pressAndWait(browser, Keys.ENTER);
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Comment on words of provision 2.a");
            assertThat(browser.find(By.cssSelector("blockquote.quote")).getText()).isEqualTo("should be");
            assertThat(browser.find(By.name("anchorStart")).getAttribute("value")).isEqualTo("1");
            assertThat(browser.find(By.name("anchorEnd")).getAttribute("value")).isEqualTo("3");
            tabTo(browser, element -> "body".equals(element.getAttribute("id")));
            new Actions(browser.driver()).sendKeys("Should, or must?").perform();
            tabTo(browser, element -> "attribution-CHATHAM_HOUSE".equals(element.getAttribute("id")) || "attribution-ATTRIBUTED".equals(element.getAttribute("id")));
            browser.press(Keys.SPACE);
            tabTo(browser, element -> "submit".equals(element.getAttribute("type")));
            pressAndWait(browser, Keys.ENTER);
            assertThat(browser.currentUri().getPath()).as("a comment on words leads to their provision's page")
                    .isEqualTo("/consultations/" + id + "/provisions/" + provisions.get(2));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(json(api.get(null, "/api/consultations/{id}/comments", id), 200))
                    .anyMatch(comment -> comment.get("body").asText().equals("Should, or must?")));
            browser.assertNoConsoleErrors();
        }
    }

    // ---- helpers ----

    private static String amendmentForm(String provisionId, String kind) {
        return "/consultations/" + id + "/amendments/new?provisionId=" + provisionId + "&kind=" + kind;
    }

    /** Posts a comment through the form ({@code on}: provisionId=… or replyTo=…) and answers its id. */
    private static String comment(WorkspaceVisitor visitor, String on, String body, String attribution) {
        WorkspaceVisitor.Page form = visitor.get("/consultations/" + id + "/comments/new?" + on);
        Map<String, String> fields = fields(form, "/comments");
        fields.putAll(Map.of("body", body, "attribution", attribution));
        WorkspaceVisitor.Page posted = visitor.post("/consultations/" + id + "/comments", encode(fields));
        assertThat(posted.status()).as("the comment's answer").isEqualTo(303);
        return posted.location().replaceFirst(".*#c-", "");
    }

    private static String proposeByApi(String token, String provisionId, String text, String justification) {
        int version = json(api.get(null, "/api/consultations/{id}", id), 200).get("version").asInt();
        return json(api.post(token, "/api/consultations/{id}/amendments", Map.of("kind", "REPLACE", "provisionId", provisionId,
                "baseVersion", version, "text", text, "justification", justification), id), 201).get("amendmentId").asText();
    }

    /** Another delegation's amendment to the provision, accepted by the drafter; answers the new version. */
    private static int changeByAnotherDelegation(String provisionId, String text) {
        String amendment = proposeByApi(acme, provisionId, text, "Changed meanwhile.");
        int version = json(api.post(drafter, "/api/consultations/{id}/amendments/{a}/accept", Map.of("reason", "Agreed."), id, amendment), 200)
                .get("version").asInt();
        await().atMost(Duration.ofSeconds(10)).until(() -> json(api.get(null, "/api/consultations/{id}", id), 200).get("version").asInt() >= version);
        return version;
    }

    /** The amendments with this justification, once there are {@code expected} of them (the API's reads follow its writes closely, not at once). */
    private static List<JsonNode> amendmentsBy(String justification, int expected) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> amendmentsBy(justification), found -> found.size() == expected);
    }

    private static List<JsonNode> amendmentsBy(String justification) {
        List<JsonNode> found = new java.util.ArrayList<>();
        json(api.get(null, "/api/consultations/{id}/amendments", id), 200).forEach(amendment -> {
            if (amendment.get("justification").asText().equals(justification)) {
                found.add(amendment);
            }
        });
        return found;
    }

    /**
     * The fields of the form on {@code page} whose action ends with {@code actionEnd}, as a browser would send them:
     * its inputs (a radio button only when checked) and text areas, but its CSRF token (the visitor adds it).
     */
    private static Map<String, String> fields(WorkspaceVisitor.Page page, String actionEnd) {
        Matcher form = Pattern.compile("(?s)<form[^>]*action=\"[^\"]*" + Pattern.quote(actionEnd) + "\"[^>]*>(.*?)</form>").matcher(page.html());
        assertThat(form.find()).as("a form posting to " + actionEnd + " on the page").isTrue();
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = Pattern.compile("<input([^>]*)>").matcher(form.group(1));
        while (input.find()) {
            Matcher name = Pattern.compile("name=\"([^\"]+)\"").matcher(input.group(1));
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(input.group(1));
            boolean choice = input.group(1).contains("type=\"radio\"") || input.group(1).contains("type=\"checkbox\"");
            if (name.find() && value.find() && !name.group(1).equals("_csrf") && (!choice || input.group(1).contains("checked"))) {
                fields.put(name.group(1), unescape(value.group(1)));
            }
        }
        Matcher area = Pattern.compile("(?s)<textarea[^>]*name=\"([^\"]+)\"[^>]*>(.*?)</textarea>").matcher(form.group(1));
        while (area.find()) {
            fields.put(area.group(1), unescape(area.group(2)));
        }
        return fields;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String encode(Map<String, String> fields, String... more) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((name, value) -> form.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        for (int i = 0; i < more.length; i += 2) {
            form.add(more[i] + "=" + URLEncoder.encode(more[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    private static String between(String html, String from, String to) {
        int start = html.indexOf(from);
        return html.substring(start, html.indexOf(to, start));
    }

    private static Browser signedIn(String token, String language) {
        Browser browser = Browser.start(language);
        browser.navigate(at("/sign-in"));
        browser.find(By.id("token")).sendKeys(token);
        pressAndWait(browser, Keys.ENTER);
        assertThat(browser.currentUri().getPath()).isNotEqualTo("/sign-in");
        return browser;
    }

    private static void click(Browser browser, By by) {
        WebElement element = browser.find(by);
        browser.whileLoading(element::click);
    }

    /** Presses {@code key} on what has the focus, and waits for the next page to have loaded. */
    private static void pressAndWait(Browser browser, Keys key) {
        browser.whileLoading(() -> browser.press(key));
    }

    private static void tabTo(Browser browser, Predicate<WebElement> wanted) {
        for (int i = 0; i < 400; i++) {
            browser.press(Keys.TAB);
            WebElement focused = browser.focused();
            if (wanted.test(focused)) {
                return;
            }
        }
        throw new AssertionError("400 presses of Tab did not reach the element wanted on " + browser.currentUri());
    }

    private static URI at(String path) {
        return concord.gateway().resolve(path);
    }
}
