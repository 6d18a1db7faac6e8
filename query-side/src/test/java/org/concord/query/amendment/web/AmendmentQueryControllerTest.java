package org.concord.query.amendment.web;

import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.FindAmendmentQuery;
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
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Optional;

import static org.concord.query.web.Amendments.accepted;
import static org.concord.query.web.Problems.expectInvalid;
import static org.concord.query.web.Problems.expectNotFound;
import static org.concord.query.web.QueryCallers.PRESS;
import static org.concord.query.web.QueryCallers.as;
import static org.concord.query.web.ReadModelAnswers.answer;
import static org.concord.query.web.ReadModelAnswers.answerNothingElse;
import static org.concord.query.web.ReadModelAnswers.consultation;
import static org.concord.query.web.ReadModelAnswers.knownConsultation;
import static org.concord.query.web.ReadModelAnswers.unknownConsultation;

/** Reading a consultation's amendments (docs/api.md, Amendments): answers, 404s and a status that does not exist. */
@WebFluxTest(AmendmentQueryController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@Import(ConsultationAccess.class)
@TestPropertySource(properties = "concord.internal.secret=" + QueryCallers.SECRET)
class AmendmentQueryControllerTest {

    @Autowired
    WebTestClient web;

    @MockitoBean
    QueryRunner queries;

    @BeforeEach
    void onlyTheQueriesATestExpectsAreAnswered() {
        answerNothingElse(queries);
    }

    @Test
    void the_amendments_of_one_status_are_listed_with_their_supporters_and_decisions() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindAmendmentsQuery("c-1", AmendmentStatus.ACCEPTED), List.of(accepted("a-1")));

        web.get().uri("/api/consultations/c-1/amendments?status=ACCEPTED").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].amendmentId").isEqualTo("a-1")
                .jsonPath("$[0].supporters.total").isEqualTo(2)
                .jsonPath("$[0].decision.version").isEqualTo(3);
    }

    @Test
    void a_status_that_does_not_exist_is_a_bad_request_naming_the_statuses() {
        expectInvalid(web.get().uri("/api/consultations/c-1/amendments?status=PENDING").exchange(), "status",
                "must be one of PROPOSED, ACCEPTED, ACCEPTED_WITH_MODIFICATIONS, REJECTED, WITHDRAWN, MERGED");
    }

    @Test
    void the_amendments_of_an_unknown_consultation_are_not_found() {
        unknownConsultation(queries, "c-9");

        expectNotFound(web.get().uri("/api/consultations/c-9/amendments").exchange(), "No consultation c-9 exists.");
    }

    @Test
    void the_amendments_of_a_restricted_consultation_do_not_exist_for_an_observer() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));

        expectNotFound(as(PRESS, web.get().uri("/api/consultations/c-1/amendments")).exchange(), "No consultation c-1 exists.");
    }

    @Test
    void anybody_reads_one_amendment_of_a_public_consultation() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindAmendmentQuery("c-1", "a-1"), Optional.of(accepted("a-1")));

        web.get().uri("/api/consultations/c-1/amendments/a-1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.amendmentId").isEqualTo("a-1")
                .jsonPath("$.author.organisation").isEqualTo("Germany")
                .jsonPath("$.status").isEqualTo("ACCEPTED");
    }

    @Test
    void an_amendment_the_consultation_does_not_have_is_not_found() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindAmendmentQuery("c-1", "a-9"), Optional.empty());

        expectNotFound(web.get().uri("/api/consultations/c-1/amendments/a-9").exchange(), "No amendment a-9 in this consultation.");
    }
}
