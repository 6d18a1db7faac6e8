package org.concord.query.history.web;

import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.history.FindDiffQuery;
import org.concord.messages.history.FindParticipationQuery;
import org.concord.messages.history.FindProvenanceQuery;
import org.concord.messages.history.FindProvisionHistoryQuery;
import org.concord.messages.history.FindTextAsOfQuery;
import org.concord.messages.history.FindTextAtVersionQuery;
import org.concord.messages.history.FindTimelineQuery;
import org.concord.messages.history.FindVersionsQuery;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.event.TimelineEntries;
import org.concord.query.history.query.HistoryViews.Cause;
import org.concord.query.history.query.HistoryViews.TextAtVersion;
import org.concord.query.history.query.HistoryViews.VersionBracket;
import org.concord.query.history.query.HistoryViews.VersionProvision;
import org.concord.query.history.query.HistoryViews.VersionSummary;
import org.concord.query.shared.QueryRunner;
import org.concord.query.web.QueryCallers;
import org.concord.query.web.QueryWebSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.concord.query.web.Problems.expectInvalid;
import static org.concord.query.web.Problems.expectNotFound;
import static org.concord.query.web.QueryCallers.SECRETARIAT;
import static org.concord.query.web.QueryCallers.as;
import static org.concord.query.web.ReadModelAnswers.CREATED;
import static org.concord.query.web.ReadModelAnswers.PROPOSER;
import static org.concord.query.web.ReadModelAnswers.answer;
import static org.concord.query.web.ReadModelAnswers.answerNothingElse;
import static org.concord.query.web.ReadModelAnswers.consultation;
import static org.concord.query.web.ReadModelAnswers.knownConsultation;
import static org.concord.query.web.ReadModelAnswers.unknownConsultation;

/** A consultation's history (docs/api.md, History): answers, the 404 of what does not exist, the 400 of bad parameters. */
@WebFluxTest(HistoryQueryController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@Import(ConsultationAccess.class)
@TestPropertySource(properties = "concord.internal.secret=" + QueryCallers.SECRET)
class HistoryQueryControllerTest {

    @Autowired
    WebTestClient web;

    @MockitoBean
    QueryRunner queries;

    @BeforeEach
    void onlyTheQueriesATestExpectsAreAnswered() {
        answerNothingElse(queries);
    }

    @Test
    void anybody_lists_the_versions_of_a_public_consultation_with_their_causes() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindVersionsQuery("c-1"), List.of(new VersionSummary(1, CREATED,
                new Cause("CREATION", null, PROPOSER, null, null))));

        web.get().uri("/api/consultations/c-1/versions").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$[0].version").isEqualTo(1)
                .jsonPath("$[0].cause.type").isEqualTo("CREATION")
                .jsonPath("$[0].cause.author.organisation").isEqualTo("Secretariat");
    }

    @Test
    void the_versions_of_an_unknown_consultation_are_not_found() {
        unknownConsultation(queries, "c-9");

        expectNotFound(web.get().uri("/api/consultations/c-9/versions").exchange(), "No consultation c-9 exists.");
    }

    @Test
    void the_history_of_a_restricted_consultation_does_not_exist_for_an_anonymous_reader() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));

        expectNotFound(web.get().uri("/api/consultations/c-1/history").exchange(), "No consultation c-1 exists.");
    }

    @Test
    void a_version_the_consultation_never_had_is_not_found() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindTextAtVersionQuery("c-1", 9), Optional.empty());

        expectNotFound(web.get().uri("/api/consultations/c-1/versions/9").exchange(), "Consultation c-1 has no version 9.");
    }

    @Test
    void a_version_that_is_not_a_number_is_a_bad_request_naming_it() {
        expectInvalid(web.get().uri("/api/consultations/c-1/versions/latest").exchange(), "version", "must be a number");
    }

    @Test
    void the_text_as_of_an_instant_is_the_version_current_then() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindTextAsOfQuery("c-1", Instant.parse("2026-03-03T00:00:00Z")), Optional.of(new TextAtVersion(1,
                CREATED, List.of(new VersionProvision("p-1", "1", "States should reduce plastic waste.", ProvisionStatus.OPEN,
                        "States should reduce plastic waste.", "States should reduce plastic waste.", List.of())))));

        web.get().uri("/api/consultations/c-1/text?asOf=2026-03-03T00:00:00Z").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.provisions[0].text").isEqualTo("States should reduce plastic waste.");
    }

    @Test
    void a_version_is_read_in_the_form_asked_for_with_each_provision_s_status_and_brackets() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        VersionProvision bracketed = new VersionProvision("p-1", "1", "States should reduce plastic waste.", ProvisionStatus.BRACKETED,
                "States should [reduce] plastic waste.", "States should plastic waste.",
                List.of(new VersionBracket("b-1", 2, 3, "reduce", null, List.of())));
        answer(queries, new FindTextAtVersionQuery("c-1", 2), Optional.of(new TextAtVersion(2, CREATED, List.of(bracketed))));

        web.get().uri("/api/consultations/c-1/versions/2").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.provisions[0].text").isEqualTo("States should reduce plastic waste.")
                .jsonPath("$.provisions[0].status").isEqualTo("BRACKETED")
                .jsonPath("$.provisions[0].negotiationText").isEqualTo("States should [reduce] plastic waste.")
                .jsonPath("$.provisions[0].brackets[0].bracketId").isEqualTo("b-1");
        web.get().uri("/api/consultations/c-1/versions/2?form=clean").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.provisions[0].text").isEqualTo("States should plastic waste.");
        web.get().uri("/api/consultations/c-1/versions/2?form=negotiation").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.provisions[0].text").isEqualTo("States should [reduce] plastic waste.");
    }

    @Test
    void a_form_that_does_not_exist_is_a_bad_request_naming_the_forms() {
        expectInvalid(web.get().uri("/api/consultations/c-1/versions/2?form=final").exchange(), "form",
                "must be one of wording, clean, negotiation");
    }

    @Test
    void the_text_as_of_something_that_is_no_instant_is_refused_naming_as_of() {
        expectInvalid(web.get().uri("/api/consultations/c-1/text?asOf=yesterday").exchange(), "asOf",
                "must be an ISO-8601 instant such as 2025-04-04T10:00:00Z");
    }

    @Test
    void the_text_as_of_an_instant_before_the_consultation_existed_is_not_found() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindTextAsOfQuery("c-1", Instant.parse("2020-01-01T00:00:00Z")), Optional.empty());

        expectNotFound(web.get().uri("/api/consultations/c-1/text?asOf=2020-01-01T00:00:00Z").exchange(),
                "Consultation c-1 had no text yet at 2020-01-01T00:00:00Z.");
    }

    @Test
    void a_diff_with_a_version_the_consultation_never_had_is_not_found() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindDiffQuery("c-1", 1, 9), Optional.empty());

        expectNotFound(web.get().uri("/api/consultations/c-1/diff?from=1&to=9").exchange(),
                "Consultation c-1 has no version 1 or no version 9.");
    }

    @Test
    void a_diff_without_its_second_version_is_a_bad_request_naming_it() {
        expectInvalid(web.get().uri("/api/consultations/c-1/diff?from=1").exchange(), "to", "is required");
    }

    @Test
    void the_history_of_a_provision_the_consultation_never_had_is_not_found() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindProvisionHistoryQuery("c-1", "p-9"), List.of());

        expectNotFound(web.get().uri("/api/consultations/c-1/provisions/p-9/history").exchange(),
                "Consultation c-1 has no provision p-9.");
    }

    @Test
    void the_provenance_of_a_consultation_the_projection_does_not_know_is_not_found() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindProvenanceQuery("c-1"), Optional.empty());

        expectNotFound(web.get().uri("/api/consultations/c-1/provenance").exchange(), "No consultation c-1 exists.");
    }

    @Test
    void a_drafter_reads_a_page_of_the_timeline_with_chatham_house_authors_shown() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));
        answer(queries, new FindTimelineQuery("c-1", "d-1", true, 10, 2), List.of(new TimelineEntries.Entry(11, CREATED,
                "CommentPosted", new TimelineEntries.Actor("p-de", "Germany", null), "Germany commented", Map.of())));

        as(SECRETARIAT, web.get().uri("/api/consultations/c-1/history?after=10&limit=2")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].position").isEqualTo(11)
                .jsonPath("$[0].actor.organisation").isEqualTo("Germany");
    }

    @Test
    void a_timeline_after_a_negative_position_is_refused_naming_after() {
        expectInvalid(web.get().uri("/api/consultations/c-1/history?after=-1").exchange(), "after", "must not be negative");
    }

    @Test
    void a_timeline_page_of_no_entries_is_refused_naming_limit() {
        expectInvalid(web.get().uri("/api/consultations/c-1/history?limit=0").exchange(), "limit", "must be between 1 and 10000");
    }

    @Test
    void the_statistics_of_an_unknown_consultation_are_not_found() {
        unknownConsultation(queries, "c-9");

        expectNotFound(web.get().uri("/api/consultations/c-9/statistics").exchange(), "No consultation c-9 exists.");
    }

    @Test
    void the_statistics_are_not_asked_of_the_projection_for_a_consultation_the_reader_may_not_see() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));
        answer(queries, new FindParticipationQuery("c-1"), "statistics a reader without access must not get");

        expectNotFound(web.get().uri("/api/consultations/c-1/statistics").exchange(), "No consultation c-1 exists.");
    }
}
