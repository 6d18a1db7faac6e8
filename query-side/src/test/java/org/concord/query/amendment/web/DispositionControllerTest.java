package org.concord.query.amendment.web;

import org.concord.messages.amendment.FindAmendmentsQuery;
import org.concord.messages.consultation.Visibility;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.shared.QueryRunner;
import org.concord.query.web.QueryCallers;
import org.concord.query.web.QueryWebSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;

import static org.concord.query.web.Amendments.accepted;
import static org.concord.query.web.Problems.expectNotFound;
import static org.concord.query.web.ReadModelAnswers.answer;
import static org.concord.query.web.ReadModelAnswers.answerNothingElse;
import static org.concord.query.web.ReadModelAnswers.consultation;
import static org.concord.query.web.ReadModelAnswers.knownConsultation;
import static org.concord.query.web.ReadModelAnswers.unknownConsultation;

/** The dispositions table (docs/api.md, Amendments) as JSON and as CSV, and its 404 in either. */
@WebFluxTest(DispositionController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@Import(ConsultationAccess.class)
@TestPropertySource(properties = "concord.internal.secret=" + QueryCallers.SECRET)
class DispositionControllerTest {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");

    @Autowired
    WebTestClient web;

    @MockitoBean
    QueryRunner queries;

    @BeforeEach
    void onlyTheQueriesATestExpectsAreAnswered() {
        answerNothingElse(queries);
    }

    @Test
    void the_dispositions_are_one_row_per_amendment_with_its_decision() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindAmendmentsQuery("c-1", null), List.of(accepted("a-1")));

        web.get().uri("/api/consultations/c-1/dispositions").accept(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$[0].amendmentId").isEqualTo("a-1")
                .jsonPath("$[0].organisation").isEqualTo("Germany")
                .jsonPath("$[0].supporters").isEqualTo(2)
                .jsonPath("$[0].reason").isEqualTo("Agreed in plenary")
                .jsonPath("$[0].resultingVersion").isEqualTo(3);
    }

    @Test
    void the_dispositions_as_csv_are_an_attachment_named_for_the_consultation() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindAmendmentsQuery("c-1", null), List.of(accepted("a-1")));

        web.get().uri("/api/consultations/c-1/dispositions").accept(CSV).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dispositions-c-1.csv\"")
                .expectBody(String.class).isEqualTo("""
                        amendmentId,kind,provisionId,label,round,organisation,stakeholderType,supporters,status,reason,decidedAt,resultingVersion\r
                        a-1,REPLACE,p-1,,1,Germany,STATE,2,ACCEPTED,Agreed in plenary,2026-03-20T15:00:00Z,3\r
                        """);
    }

    @Test
    void the_dispositions_of_an_unknown_consultation_are_not_found() {
        unknownConsultation(queries, "c-9");

        expectNotFound(web.get().uri("/api/consultations/c-9/dispositions").accept(MediaType.APPLICATION_JSON).exchange(),
                "No consultation c-9 exists.");
    }

    @Test
    void a_spreadsheet_asking_for_the_dispositions_of_an_unknown_consultation_gets_the_problem_as_json() {
        unknownConsultation(queries, "c-9");

        expectNotFound(web.get().uri("/api/consultations/c-9/dispositions").accept(CSV).exchange(), "No consultation c-9 exists.");
    }

    @Test
    void the_dispositions_of_a_restricted_consultation_do_not_exist_for_an_anonymous_reader() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));

        expectNotFound(web.get().uri("/api/consultations/c-1/dispositions").accept(MediaType.APPLICATION_JSON).exchange(),
                "No consultation c-1 exists.");
    }
}
