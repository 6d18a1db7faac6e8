package org.concord.query.comment.web;

import org.concord.messages.comment.FindCommentsQuery;
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

import static org.concord.query.web.Problems.expectNotFound;
import static org.concord.query.web.QueryCallers.DELEGATE;
import static org.concord.query.web.QueryCallers.PRESS;
import static org.concord.query.web.QueryCallers.as;
import static org.concord.query.web.ReadModelAnswers.answer;
import static org.concord.query.web.ReadModelAnswers.answerNothingElse;
import static org.concord.query.web.ReadModelAnswers.consultation;
import static org.concord.query.web.ReadModelAnswers.knownConsultation;
import static org.concord.query.web.ReadModelAnswers.unknownConsultation;

/** Reading comment threads (docs/api.md, Comments): who reads is asked of the projection, and the 404s. */
@WebFluxTest(CommentQueryController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@Import(ConsultationAccess.class)
@TestPropertySource(properties = "concord.internal.secret=" + QueryCallers.SECRET)
class CommentQueryControllerTest {

    @Autowired
    WebTestClient web;

    @MockitoBean
    QueryRunner queries;

    @BeforeEach
    void onlyTheQueriesATestExpectsAreAnswered() {
        answerNothingElse(queries);
    }

    @Test
    void a_participant_reads_one_provision_s_threads_as_a_reader_who_is_not_a_drafter() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));
        answer(queries, new FindCommentsQuery("c-1", "p-1", null, "p-de", false), List.of());

        as(DELEGATE, web.get().uri("/api/consultations/c-1/comments?provisionId=p-1")).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json("[]");
    }

    @Test
    void the_comments_of_an_unknown_consultation_are_not_found() {
        unknownConsultation(queries, "c-9");

        expectNotFound(web.get().uri("/api/consultations/c-9/comments").exchange(), "No consultation c-9 exists.");
    }

    @Test
    void the_comments_of_a_restricted_consultation_do_not_exist_for_an_observer() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));

        expectNotFound(as(PRESS, web.get().uri("/api/consultations/c-1/comments")).exchange(), "No consultation c-1 exists.");
    }
}
