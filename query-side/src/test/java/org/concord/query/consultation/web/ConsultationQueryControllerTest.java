package org.concord.query.consultation.web;

import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.CountAmendmentsByConsultationQuery;
import org.concord.messages.consultation.CountCommentsByConsultationQuery;
import org.concord.messages.consultation.CountsByConsultation;
import org.concord.messages.consultation.FindConsultationsQuery;
import org.concord.messages.consultation.FindEndorsementsQuery;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.consultation.query.ConsultationSummary;
import org.concord.query.consultation.query.EndorsementView;
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

import static org.concord.query.web.Problems.expectNotFound;
import static org.concord.query.web.QueryCallers.DELEGATE;
import static org.concord.query.web.QueryCallers.PRESS;
import static org.concord.query.web.QueryCallers.as;
import static org.concord.query.web.ReadModelAnswers.PROPOSER;
import static org.concord.query.web.ReadModelAnswers.answer;
import static org.concord.query.web.ReadModelAnswers.answerNothingElse;
import static org.concord.query.web.ReadModelAnswers.consultation;
import static org.concord.query.web.ReadModelAnswers.knownConsultation;
import static org.concord.query.web.ReadModelAnswers.unknownConsultation;

/** Reading consultations and their endorsements (docs/api.md, Consultations): answers, and the 404 of what may not be seen. */
@WebFluxTest(ConsultationQueryController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@Import(ConsultationAccess.class)
@TestPropertySource(properties = "concord.internal.secret=" + QueryCallers.SECRET)
class ConsultationQueryControllerTest {

    @Autowired
    WebTestClient web;

    @MockitoBean
    QueryRunner queries;

    @BeforeEach
    void onlyTheQueriesATestExpectsAreAnswered() {
        answerNothingElse(queries);
    }

    @Test
    void a_participant_s_list_holds_the_restricted_consultations_with_their_comment_and_amendment_counts() {
        answer(queries, new FindConsultationsQuery(true), List.of(new ConsultationSummary("c-1", "Ocean plastics",
                ConsultationStatus.OPEN, Visibility.RESTRICTED, 2, 1, null, PROPOSER, 0, 0)));
        answer(queries, new CountCommentsByConsultationQuery(), new CountsByConsultation(Map.of("c-1", 5L)));
        answer(queries, new CountAmendmentsByConsultationQuery(), new CountsByConsultation(Map.of("c-1", 3L)));

        as(DELEGATE, web.get().uri("/api/consultations")).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].consultationId").isEqualTo("c-1")
                .jsonPath("$[0].visibility").isEqualTo("RESTRICTED")
                .jsonPath("$[0].comments").isEqualTo(5)
                .jsonPath("$[0].amendments").isEqualTo(3);
    }

    @Test
    void anybody_reads_a_public_consultation_with_its_current_provisions() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));

        web.get().uri("/api/consultations/c-1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.consultationId").isEqualTo("c-1")
                .jsonPath("$.version").isEqualTo(2)
                .jsonPath("$.provisions[0].text").isEqualTo("States shall reduce plastic waste.")
                .jsonPath("$.changedIn").doesNotExist();
    }

    @Test
    void an_unknown_consultation_is_not_found() {
        unknownConsultation(queries, "c-9");

        expectNotFound(web.get().uri("/api/consultations/c-9").exchange(), "No consultation c-9 exists.")
                .jsonPath("$.instance").isEqualTo("/api/consultations/c-9");
    }

    @Test
    void a_restricted_consultation_does_not_exist_for_an_observer() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));

        expectNotFound(as(PRESS, web.get().uri("/api/consultations/c-1")).exchange(), "No consultation c-1 exists.");
    }

    @Test
    void a_participant_reads_a_restricted_consultation() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));

        as(DELEGATE, web.get().uri("/api/consultations/c-1")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.visibility").isEqualTo("RESTRICTED");
    }

    @Test
    void anybody_reads_the_endorsements_of_a_public_consultation() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindEndorsementsQuery("c-1"), List.of(new EndorsementView("Germany", StakeholderType.STATE, "DE",
                Instant.parse("2026-05-01T12:00:00Z"))));

        web.get().uri("/api/consultations/c-1/endorsements").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].organisation").isEqualTo("Germany")
                .jsonPath("$[0].country").isEqualTo("DE");
    }

    @Test
    void the_endorsements_of_an_unknown_consultation_are_not_found() {
        unknownConsultation(queries, "c-9");

        expectNotFound(web.get().uri("/api/consultations/c-9/endorsements").exchange(), "No consultation c-9 exists.");
    }

    @Test
    void the_endorsements_of_a_restricted_consultation_do_not_exist_for_an_anonymous_reader() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));

        expectNotFound(web.get().uri("/api/consultations/c-1/endorsements").exchange(), "No consultation c-1 exists.");
    }
}
