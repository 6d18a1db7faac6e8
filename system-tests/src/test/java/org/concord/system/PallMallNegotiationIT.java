package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * Issue #20's acceptance story, a negotiation in the Pall Mall style, over the API of a Concord of its own with
 * two command sides: a provision is bracketed with two alternatives that delegates support; the bracket is
 * resolved and the chair's compromise merges two delegations' amendments, both consent and it is accepted; a
 * state agrees to it ad referendum and confirms, and the provision is AGREED; a state breaks the silence on
 * another provision and everyone is told in the feed; the final text goes under silence, both command sides
 * are killed before the deadline and started again after it, and the text is adopted once, at start-up; the
 * dispositions, the provenance and the history tell what happened.
 */
class PallMallNegotiationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String ADOPTED_EVENT = "org.concord.messages.consultation.ConsultationAdoptedEvent";
    private static final String COMPLETED_EVENT = "org.concord.messages.negotiation.SilenceProcedureCompletedEvent";

    private static TestMongoDatabase database;
    private static ConcordProcesses concord;
    private static ConcordApi api;
    private static String suffix;
    private static String drafter;
    private static String france;
    private static String ghana;
    private static String company;
    private static String ngo;

    @BeforeAll
    static void startConcord() {
        database = MongoDbExtension.newDatabase();
        concord = ConcordProcesses.start(database, "pall-mall-negotiation", Map.of(), 2, 1);
        api = new ConcordApi(concord);
        suffix = Long.toString(System.nanoTime(), 36);
        drafter = api.registerToken(organisation("Pall Mall co-hosts"), "STATE", "GB", "DRAFTER");
        france = api.registerToken(organisation("France"), "STATE", "FR", "PARTICIPANT");
        ghana = api.registerToken(organisation("Ghana"), "STATE", "GH", "PARTICIPANT");
        company = api.registerToken(organisation("Intrusion Ltd"), "COMPANY", "GB", "PARTICIPANT");
        ngo = api.registerToken(organisation("Access Watch"), "NGO", "DE", "PARTICIPANT");
    }

    @AfterAll
    static void stopConcord() {
        if (concord != null) {
            concord.close();
        }
    }

    @Test
    void the_pall_mall_negotiation() {
        JsonNode created = json(api.createConsultation(drafter, "Pall Mall Code of Practice " + suffix, "PUBLIC"), 201);
        String c = created.get("consultationId").asText();
        JsonNode detail = read(null, "/api/consultations/" + c, created.get("position").asLong());
        String p1 = detail.at("/provisions/0/provisionId").asText();
        String p2 = detail.at("/provisions/1/provisionId").asText();
        String p3 = detail.at("/provisions/2/provisionId").asText();
        for (JsonNode provision : detail.get("provisions")) {
            assertThat(provision.get("status").asText()).as("every provision starts OPEN").isEqualTo("OPEN");
            assertThat(provision.get("brackets")).isEmpty();
            assertThat(provision.get("negotiationText").asText()).isEqualTo(provision.get("text").asText());
            assertThat(provision.at("/adReferendum/pending")).isEmpty();
            assertThat(provision.at("/adReferendum/confirmed")).isEmpty();
        }
        assertThat(detail.get("silence").isNull()).isTrue();
        json(api.post(drafter, "/api/consultations/{c}/rounds", Map.of("deadline", Instant.now().plus(Duration.ofHours(2)).toString()), c), 201);

        // 1. provision 1 goes OPEN → BRACKETED: "the sale" in dispute, with two alternatives that delegates support
        // ("States should regulate the sale of intrusion tools.": States 0, should 1, regulate 2, the 3, sale 4, of 5, ...)
        JsonNode bracketed = json(api.post(drafter, "/api/consultations/{c}/provisions/{p}/brackets", Map.of("version", 1, "start", 3, "end", 5,
                "alternatives", List.of(
                        Map.of("text", "the sale and export", "sponsors", List.of(organisation("France"))),
                        Map.of("text", "the sale, export and brokering", "sponsors", List.of(organisation("Ghana")))),
                "note", "Scope of the regulation"), c, p1), 201);
        String bracket = bracketed.get("bracketId").asText();
        assertThat(bracketed.get("alternativeIds")).hasSize(2);
        String alt1 = bracketed.at("/alternativeIds/0").asText();
        String alt2 = bracketed.at("/alternativeIds/1").asText();
        json(api.post(france, "/api/consultations/{c}/brackets/{b}/alternatives/{a}/support", null, c, bracket, alt1), 200);
        json(api.post(company, "/api/consultations/{c}/brackets/{b}/alternatives/{a}/support", null, c, bracket, alt1), 200);
        json(api.post(ghana, "/api/consultations/{c}/brackets/{b}/alternatives/{a}/support", null, c, bracket, alt2), 200);
        json(api.post(ngo, "/api/consultations/{c}/brackets/{b}/alternatives/{a}/support", null, c, bracket, alt2), 200);
        json(api.post(ngo, "/api/consultations/{c}/brackets/{b}/alternatives/{a}/support", null, c, bracket, alt1), 200);
        json(api.post(ngo, "/api/consultations/{c}/brackets/{b}/alternatives/{a}/support", null, c, bracket, alt1), 409);
        long withdrawn = json(api.http.delete().uri("/api/consultations/{c}/brackets/{b}/alternatives/{a}/support", c, bracket, alt1)
                .header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ngo)).exchange(), 200).get("position").asLong();
        json(api.http.delete().uri("/api/consultations/{c}/brackets/{b}/alternatives/{a}/support", c, bracket, alt1)
                .header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ngo)).exchange(), 409);
        json(api.post(drafter, "/api/consultations/{c}/provisions/{p}/status", Map.of("status", "AGREED", "reason", "Too early"), c, p1), 409);

        JsonNode first = provision(read(null, "/api/consultations/" + c, withdrawn), p1);
        assertThat(first.get("status").asText()).isEqualTo("BRACKETED");
        assertThat(first.get("text").asText()).isEqualTo("States should regulate the sale of intrusion tools.");
        assertThat(first.get("negotiationText").asText())
                .isEqualTo("States should regulate [Alt 1: the sale and export / Alt 2: the sale, export and brokering] of intrusion tools.");
        JsonNode shown = first.at("/brackets/0");
        assertThat(shown.get("bracketId").asText()).isEqualTo(bracket);
        assertThat(shown.get("words").asText()).isEqualTo("the sale");
        assertThat(shown.get("start").asInt()).isEqualTo(3);
        assertThat(shown.get("end").asInt()).isEqualTo(5);
        assertThat(shown.get("alternatives").findValuesAsText("label")).containsExactly("Alt 1", "Alt 2");
        assertThat(shown.at("/alternatives/0/sponsors/0").asText()).isEqualTo(organisation("France"));
        assertThat(shown.at("/alternatives/0/supporters/total").asInt()).isEqualTo(2);
        assertThat(shown.at("/alternatives/0/supporters/byStakeholderType/STATE").asInt()).isEqualTo(1);
        assertThat(shown.at("/alternatives/0/supporters/byStakeholderType/COMPANY").asInt()).isEqualTo(1);
        assertThat(shown.at("/alternatives/1/supporters/total").asInt()).isEqualTo(2);
        assertThat(shown.at("/alternatives/1/supporters/byStakeholderType/NGO").asInt()).isEqualTo(1);
        List<String> timeline = types(json(api.get(null, "/api/consultations/{c}/history", c), 200));
        assertThat(timeline).containsSubsequence("TextBracketed", "ProvisionStatusChanged", "AlternativeSupported",
                "AlternativeSupportWithdrawn");

        // 2. the bracket is resolved (Alt 1 kept, a new version), then the chair's compromise merges France's and Ghana's amendments
        JsonNode resolved = json(api.post(drafter, "/api/consultations/{c}/brackets/{b}/resolve",
                Map.of("alternativeId", alt1, "reason", "Exports are covered; brokering is for another day"), c, bracket), 200);
        assertThat(resolved.get("version").asInt()).isEqualTo(2);
        JsonNode afterResolution = provision(read(null, "/api/consultations/" + c, resolved.get("position").asLong()), p1);
        assertThat(afterResolution.get("text").asText()).isEqualTo("States should regulate the sale and export of intrusion tools.");
        assertThat(afterResolution.get("status").asText()).as("its last bracket resolved, the provision is OPEN again").isEqualTo("OPEN");
        assertThat(afterResolution.get("brackets")).isEmpty();
        assertThat(afterResolution.get("negotiationText").asText()).isEqualTo(afterResolution.get("text").asText());

        String fromFrance = json(api.post(france, "/api/consultations/{c}/amendments", Map.of("kind", "REPLACE", "provisionId", p1,
                "baseVersion", 2, "text", "States should regulate the sale and export of intrusion tools and services.",
                "justification", "Services are sold too."), c), 201).get("amendmentId").asText();
        String fromGhana = json(api.post(ghana, "/api/consultations/{c}/amendments", Map.of("kind", "REPLACE", "provisionId", p1,
                "baseVersion", 2, "text", "States should license the sale and export of intrusion tools.",
                "justification", "A licence is enforceable."), c), 201).get("amendmentId").asText();
        String wording = "States should license the sale and export of intrusion tools and services under independent oversight.";
        JsonNode proposed = json(api.post(drafter, "/api/consultations/{c}/compromises", Map.of("provisionId", p1, "text", wording,
                "amendmentIds", List.of(fromFrance, fromGhana), "deadline", Instant.now().plus(Duration.ofHours(1)).toString(),
                "note", "The chair's attempt to bridge both"), c), 201);
        String compromise = proposed.get("compromiseId").asText();
        assertThat(texts(proposed.get("parties"))).containsExactly(organisation("France"), organisation("Ghana"));
        json(api.post(drafter, "/api/consultations/{c}/amendments/{a}/accept", Map.of("reason", "Alone"), c, fromFrance), 409);
        json(api.post(drafter, "/api/consultations/{c}/compromises/{k}/accept", Map.of("reason", "Too early"), c, compromise), 409);
        json(api.post(company, "/api/consultations/{c}/compromises/{k}/consent", null, c, compromise), 403);
        json(api.post(france, "/api/consultations/{c}/compromises/{k}/consent", null, c, compromise), 200);
        json(api.post(france, "/api/consultations/{c}/compromises/{k}/consent", null, c, compromise), 409);
        json(api.post(ghana, "/api/consultations/{c}/compromises/{k}/consent", null, c, compromise), 200);
        JsonNode accepted = json(api.post(drafter, "/api/consultations/{c}/compromises/{k}/accept",
                Map.of("reason", "Both delegations consent"), c, compromise), 200);
        int compromiseVersion = accepted.get("version").asInt();
        assertThat(compromiseVersion).isEqualTo(3);
        long acceptedAt = accepted.get("position").asLong();
        assertThat(provision(read(null, "/api/consultations/" + c, acceptedAt), p1).get("text").asText()).isEqualTo(wording);
        JsonNode shownCompromise = read(null, "/api/consultations/" + c + "/compromises/" + compromise, acceptedAt);
        assertThat(shownCompromise.get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(shownCompromise.get("version").asInt()).isEqualTo(compromiseVersion);
        assertThat(shownCompromise.get("parties").findValuesAsText("answer")).containsExactly("CONSENTED", "CONSENTED");
        assertThat(json(api.get(null, "/api/consultations/{c}/compromises", c), 200).findValuesAsText("compromiseId")).containsExactly(compromise);
        for (String merged : List.of(fromFrance, fromGhana)) {
            assertThat(json(api.get(null, "/api/consultations/{c}/amendments/{a}", c, merged), 200).get("status").asText()).isEqualTo("MERGED");
        }

        // 3. Ghana agrees ad referendum; the provision is AGREED only once Accra has confirmed
        json(api.post(drafter, "/api/consultations/{c}/provisions/{p}/status",
                Map.of("status", "AGREED_AD_REF", "reason", "Agreed, subject to capitals"), c, p1), 200);
        json(api.post(drafter, "/api/consultations/{c}/provisions/{p}/status",
                Map.of("status", "AGREED_AD_REF", "reason", "Again"), c, p1), 409);
        json(api.post(france, "/api/consultations/{c}/provisions/{p}/status", Map.of("status", "AGREED", "reason", "France decides"), c, p1), 403);
        long agreedAdRef = json(api.post(ghana, "/api/consultations/{c}/provisions/{p}/ad-referendum",
                Map.of("note", "Subject to confirmation by Accra"), c, p1), 201).get("position").asLong();
        json(api.post(ghana, "/api/consultations/{c}/provisions/{p}/ad-referendum", Map.of(), c, p1), 409);
        JsonNode awaiting = provision(read(null, "/api/consultations/" + c, agreedAdRef), p1);
        assertThat(awaiting.get("status").asText()).isEqualTo("AGREED_AD_REF");
        assertThat(awaiting.at("/adReferendum/pending").findValuesAsText("organisation")).containsExactly(organisation("Ghana"));
        assertThat(awaiting.at("/adReferendum/confirmed")).isEmpty();
        String refused = json(api.post(drafter, "/api/consultations/{c}/provisions/{p}/status",
                Map.of("status", "AGREED", "reason", "Everyone agrees"), c, p1), 409).toString();
        assertThat(refused).as("the refusal names who has not confirmed").contains(organisation("Ghana"));
        json(api.post(france, "/api/consultations/{c}/provisions/{p}/ad-referendum/confirm", null, c, p1), 409);
        long confirmed = json(api.post(ghana, "/api/consultations/{c}/provisions/{p}/ad-referendum/confirm", null, c, p1), 200)
                .get("position").asLong();
        JsonNode confirmation = provision(read(null, "/api/consultations/" + c, confirmed), p1);
        assertThat(confirmation.at("/adReferendum/pending")).isEmpty();
        assertThat(confirmation.at("/adReferendum/confirmed").findValuesAsText("organisation")).containsExactly(organisation("Ghana"));
        long agreed = json(api.post(drafter, "/api/consultations/{c}/provisions/{p}/status",
                Map.of("status", "AGREED", "reason", "Confirmed by capitals"), c, p1), 200).get("position").asLong();
        assertThat(provision(read(null, "/api/consultations/" + c, agreed), p1).get("status").asText()).isEqualTo("AGREED");

        // 4. silence on provision 2; the company may not break it, France does, and the feed tells everyone
        JsonNode silenced = json(api.post(drafter, "/api/consultations/{c}/silence", Map.of("provisionId", p2,
                "deadline", local(LocalDateTime.now(PARIS).plusDays(2)), "timeZone", "Europe/Paris"), c), 201);
        String procedure = silenced.get("procedureId").asText();
        json(api.post(drafter, "/api/consultations/{c}/provisions/{p}/status", Map.of("status", "AGREED", "reason", "Meanwhile"), c, p3), 409);
        json(api.post(company, "/api/consultations/{c}/silence/current/break", Map.of("reason", "We object"), c), 403);
        long broken = json(api.post(france, "/api/consultations/{c}/silence/current/break",
                Map.of("reason", "France cannot accept the wording on assessments"), c), 200).get("position").asLong();
        json(api.post(ghana, "/api/consultations/{c}/silence/current/break", Map.of("reason", "Too late"), c), 409);
        List<ServerSentEvent<String>> told = api.http.get().uri("/api/consultations/{c}/feed?after={after}", c, broken - 1)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody()
                .filter(event -> event.id() != null).take(1).collectList().block(Duration.ofSeconds(20));
        assertThat(told).singleElement().satisfies(event -> {
            assertThat(event.event()).isEqualTo("SilenceBroken");
            assertThat(event.id()).isEqualTo(Long.toString(broken));
            assertThat(event.data()).contains(procedure).contains("France cannot accept the wording on assessments");
        });
        List<ServerSentEvent<String>> everywhere = api.http.get().uri("/api/feed?after={after}&types=SilenceBroken", broken - 1)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody()
                .filter(event -> event.id() != null).take(1).collectList().block(Duration.ofSeconds(20));
        assertThat(everywhere).singleElement().satisfies(event -> assertThat(event.id()).isEqualTo(Long.toString(broken)));
        JsonNode afterBreak = read(null, "/api/consultations/" + c, broken);
        assertThat(afterBreak.at("/silence/procedureId").asText()).isEqualTo(procedure);
        assertThat(afterBreak.at("/silence/status").asText()).isEqualTo("BROKEN");
        assertThat(afterBreak.at("/silence/brokenBy/organisation").asText()).isEqualTo(organisation("France"));
        assertThat(provision(afterBreak, p2).get("status").asText()).as("a broken silence agrees nothing").isEqualTo("OPEN");
        JsonNode breakEntry = entry(json(api.get(null, "/api/consultations/{c}/history", c), 200), "SilenceBroken");
        assertThat(breakEntry.at("/actor/organisation").asText()).isEqualTo(organisation("France"));
        assertThat(breakEntry.get("summary").asText()).isNotBlank();

        // 5. the final text goes under silence; both command sides are killed before the deadline and started after it
        long closed = json(api.post(drafter, "/api/consultations/{c}/rounds/current/close", null, c), 200).get("position").asLong();
        read(null, "/api/consultations/" + c, closed);
        String agreedRefusal = json(api.post(drafter, "/api/consultations/{c}/revisions", Map.of("baseVersion", compromiseVersion,
                "reason", "Reword an agreed provision", "changes", List.of(Map.of("kind", "REPLACE", "provisionId", p1, "text", "Reworded."))),
                c), 409).toString();
        assertThat(agreedRefusal).as("an AGREED provision's words do not change").contains("AGREED");
        LocalDateTime deadline = LocalDateTime.now(PARIS).plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        JsonNode underSilence = json(api.post(drafter, "/api/consultations/{c}/silence",
                Map.of("deadline", local(deadline), "timeZone", "Europe/Paris"), c), 201);
        String finalProcedure = underSilence.get("procedureId").asText();
        Instant due = deadline.atZone(PARIS).toInstant();
        assertThat(Instant.parse(underSilence.get("deadline").asText())).isEqualTo(due);
        assertThat(underSilence.get("timeZone").asText()).isEqualTo("Europe/Paris");
        concord.kill("command-side");
        concord.kill("command-side-2");
        assertThat(Instant.now()).as("both command sides were down before the deadline").isBefore(due);
        JsonNode running = read(null, "/api/consultations/" + c, underSilence.get("position").asLong());
        assertThat(running.get("status").asText()).isEqualTo("CLOSED");
        assertThat(running.at("/silence/status").asText()).isEqualTo("RUNNING");
        assertThat(running.at("/silence/deadlineLocal").asText()).startsWith(local(deadline).substring(0, 16));
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(due.plusSeconds(2)));

        concord.restart("command-side");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(json(api.get(null, "/api/consultations/{c}", c), 200).get("status").asText())
                        .as("adopted at the first start-up after the deadline").isEqualTo("ADOPTED"));
        concord.restart("command-side-2");
        await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).until(() ->
                stored(ADOPTED_EVENT, c) == 1 && stored(COMPLETED_EVENT, c) == 1);
        JsonNode adopted = json(api.get(null, "/api/consultations/{c}", c), 200);
        assertThat(adopted.get("version").asInt()).isEqualTo(compromiseVersion);
        assertThat(adopted.at("/silence/procedureId").asText()).isEqualTo(finalProcedure);
        assertThat(adopted.at("/silence/status").asText()).isEqualTo("COMPLETED");
        assertThat(json(api.get(null, "/api/consultations/{c}/silence", c), 200).findValuesAsText("status"))
                .containsExactly("BROKEN", "COMPLETED");
        JsonNode adoption = entry(json(api.get(null, "/api/consultations/{c}/history", c), 200), "ConsultationAdopted");
        assertThat(adoption.at("/actor/organisation").asText()).as("adopted in the name of the drafter who started the silence")
                .isEqualTo(organisation("Pall Mall co-hosts"));
        assertThat(types(json(api.get(null, "/api/consultations/{c}/history", c), 200)))
                .containsSubsequence("SilenceProcedureStarted", "SilenceProcedureCompleted", "ConsultationAdopted");
        json(api.post(france, "/api/consultations/{c}/endorsements", null, c), 201);

        // 6. the dispositions, the provenance and the history tell it
        String csv = api.http.get().uri("/api/consultations/{c}/dispositions", c).header(HttpHeaders.ACCEPT, "text/csv").exchange()
                .expectStatus().isOk().expectHeader().contentTypeCompatibleWith("text/csv")
                .expectBody(String.class).returnResult().getResponseBody();
        List<List<String>> rows = csv(csv);
        List<String> header = rows.get(0);
        for (String merged : List.of(fromFrance, fromGhana)) {
            List<String> row = rows.stream().filter(cells -> cells.get(0).equals(merged)).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + merged + " in\n" + csv));
            assertThat(row.get(header.indexOf("status"))).isEqualTo("MERGED");
            assertThat(row.get(header.indexOf("reason"))).startsWith("merged into compromise " + compromise);
            assertThat(row.get(header.indexOf("resultingVersion"))).isEqualTo(Integer.toString(compromiseVersion));
        }
        JsonNode dispositions = json(api.get(null, "/api/consultations/{c}/dispositions", c), 200);
        assertThat(dispositions.findValuesAsText("status")).containsExactly("MERGED", "MERGED");

        JsonNode spans = provision(json(api.get(null, "/api/consultations/{c}/provenance", c), 200), p1).get("spans");
        assertThat(StreamSupport.stream(spans.spliterator(), false).map(span -> span.get("text").asText()).reduce("", String::concat))
                .isEqualTo(wording);
        JsonNode license = span(spans, "license");
        assertThat(license.get("amendmentId").asText()).isEqualTo(fromGhana);
        assertThat(license.get("organisation").asText()).isEqualTo(organisation("Ghana"));
        assertThat(license.get("version").asInt()).isEqualTo(compromiseVersion);
        JsonNode services = span(spans, "services");
        assertThat(services.get("amendmentId").asText()).isEqualTo(fromFrance);
        assertThat(services.get("organisation").asText()).isEqualTo(organisation("France"));
        // words the compromise kept from the wording before it keep their credit: "and export", the kept alternative's, the resolution's
        JsonNode kept = span(spans, "export");
        assertThat(kept.get("amendmentId").isNull()).isTrue();
        assertThat(kept.get("version").asInt()).isEqualTo(2);
        assertThat(kept.get("organisation").asText()).isEqualTo(organisation("Pall Mall co-hosts"));
        JsonNode chairs = span(spans, "oversight");
        assertThat(chairs.get("amendmentId").isNull()).as("the chair's own words").isTrue();
        assertThat(chairs.get("organisation").asText()).isEqualTo(organisation("Pall Mall co-hosts"));
        assertThat(chairs.get("version").asInt()).isEqualTo(compromiseVersion);

        JsonNode versions = json(api.get(null, "/api/consultations/{c}/versions", c), 200);
        assertThat(versions.findValuesAsText("version")).containsExactly("1", "2", "3");
        assertThat(versions.findValuesAsText("type")).containsExactly("CREATION", "BRACKET", "COMPROMISE");
        assertThat(versions.at("/1/cause/bracketId").asText()).isEqualTo(bracket);
        assertThat(versions.at("/2/cause/compromiseId").asText()).isEqualTo(compromise);
        assertThat(versions.at("/2/cause/decidedBy/organisation").asText()).isEqualTo(organisation("Pall Mall co-hosts"));
        JsonNode atVersion1 = provision(json(api.get(null, "/api/consultations/{c}/versions/1", c), 200), p1);
        assertThat(atVersion1.get("status").asText()).as("bracketed while version 1 was current").isEqualTo("BRACKETED");
        assertThat(atVersion1.get("brackets").findValuesAsText("bracketId")).containsExactly(bracket);
        String one = "/api/consultations/{c}/versions/1";
        assertThat(provision(json(api.get(null, one, c), 200), p1).get("text").asText())
                .isEqualTo("States should regulate the sale of intrusion tools.");
        assertThat(provision(json(api.get(null, one + "?form=negotiation", c), 200), p1).get("text").asText())
                .isEqualTo("States should regulate [Alt 1: the sale and export / Alt 2: the sale, export and brokering] of intrusion tools.");
        assertThat(provision(json(api.get(null, one + "?form=clean", c), 200), p1).get("text").asText())
                .as("the clean text is the agreed wording only").doesNotContain("sale").doesNotContain("[").startsWith("States should regulate")
                .endsWith("of intrusion tools.");
        for (String form : List.of("", "?form=negotiation", "?form=clean")) {
            assertThat(provision(json(api.get(null, "/api/consultations/{c}/versions/3" + form, c), 200), p1).get("text").asText())
                    .as("version 3" + form).isEqualTo(wording);
        }
        json(api.get(null, one + "?form=brackets", c), 400);
        assertThat(provision(json(api.get(null, "/api/consultations/{c}/versions/3", c), 200), p1).get("status").asText())
                .isEqualTo("AGREED");
        JsonNode wordings = json(api.get(null, "/api/consultations/{c}/provisions/{p}/history", c, p1), 200);
        assertThat(wordings.findValuesAsText("text")).containsExactly("States should regulate the sale of intrusion tools.",
                "States should regulate the sale and export of intrusion tools.", wording);
        String atom = api.get(null, "/api/consultations/{c}/feed.atom", c).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(atom).contains("Version 2: bracket " + bracket + " resolved").contains("Version 3: compromise " + compromise + " accepted");
        JsonNode diff = json(api.get(null, "/api/consultations/{c}/diff?from=1&to=3", c), 200);
        assertThat(diff.get("changes").findValuesAsText("provisionId")).containsExactly(p1);
        assertThat(types(json(api.get(null, "/api/consultations/{c}/history", c), 200))).containsSubsequence(
                "TextBracketed", "BracketResolved", "CompromiseProposed", "CompromiseConsented", "CompromiseConsented",
                "CompromiseAccepted", "ProvisionStatusChanged", "AdReferendumAgreed", "AdReferendumConfirmed",
                "ProvisionStatusChanged", "SilenceProcedureStarted", "SilenceBroken", "SilenceProcedureStarted",
                "SilenceProcedureCompleted", "ConsultationAdopted");
    }

    private static String organisation(String name) {
        return name + " " + suffix;
    }

    private static String local(LocalDateTime time) {
        return time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    private static JsonNode read(String token, String path, long position) {
        return json(api.get(token, path + "?minPosition=" + position), 200);
    }

    /** The provision {@code id} of an answer that lists provisions (a detail, a version, a provenance). */
    private static JsonNode provision(JsonNode answer, String id) {
        for (JsonNode provision : answer.get("provisions")) {
            if (provision.get("provisionId").asText().equals(id)) {
                return provision;
            }
        }
        throw new AssertionError("no provision " + id + " in " + answer);
    }

    private static JsonNode span(JsonNode spans, String word) {
        for (JsonNode span : spans) {
            if (span.get("text").asText().contains(word)) {
                return span;
            }
        }
        throw new AssertionError("no span holds \"" + word + "\" in " + spans);
    }

    private static List<String> types(JsonNode timeline) {
        List<String> types = new ArrayList<>();
        timeline.forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    private static JsonNode entry(JsonNode timeline, String type) {
        List<JsonNode> found = new ArrayList<>();
        timeline.forEach(entry -> {
            if (entry.get("type").asText().equals(type)) {
                found.add(entry);
            }
        });
        assertThat(found).as("entries of type " + type).hasSize(1);
        return found.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    /** RFC 4180: rows of cells, quotes undone. */
    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\r') {
                continue;
            } else if (ch == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    /** How many events of a type about the consultation the event store holds. */
    private static long stored(String payloadType, String consultationId) {
        try (MongoClient mongo = MongoClients.create(database.uri())) {
            long count = 0;
            for (Document event : mongo.getDatabase(database.name()).getCollection("events").find(Filters.eq("payloadType", payloadType))) {
                if (JSON.readTree(event.get("payload", Binary.class).getData()).get("consultationId").asText().equals(consultationId)) {
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
