package org.concord.query.negotiation.web;

import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.consultation.query.ProvisionView;
import org.concord.query.negotiation.query.BracketView;
import org.concord.query.negotiation.query.CompromiseView;
import org.concord.query.negotiation.query.NegotiationQueries.FindBracketQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindBracketsQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindCompromiseQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindCompromisesQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindSilenceProcedureQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindSilenceProceduresQuery;
import org.concord.query.negotiation.query.SilenceView;
import org.concord.query.shared.QueryRunner;
import org.concord.query.web.QueryCallers;
import org.concord.query.web.QueryWebSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.concord.query.web.Problems.expectNotFound;
import static org.concord.query.web.QueryCallers.PRESS;
import static org.concord.query.web.QueryCallers.as;
import static org.concord.query.web.ReadModelAnswers.answer;
import static org.concord.query.web.ReadModelAnswers.answerNothingElse;
import static org.concord.query.web.ReadModelAnswers.consultation;
import static org.concord.query.web.ReadModelAnswers.knownConsultation;
import static org.concord.query.web.ReadModelAnswers.unknownConsultation;

/** Reading a consultation's brackets, compromises and silence procedures: answers, 404s, and a RESTRICTED consultation's. */
@WebFluxTest(NegotiationQueryController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@Import(ConsultationAccess.class)
@TestPropertySource(properties = "concord.internal.secret=" + QueryCallers.SECRET)
class NegotiationQueryControllerTest {

    private static final Instant DEADLINE = Instant.parse("2026-12-20T17:00:00Z");
    private static final CompromiseView COMPROMISE = new CompromiseView("k-1", "p-1", "States shall act.", List.of("a-1", "a-2"),
            List.of(new CompromiseView.Party("Kenya", CompromiseView.Answer.CONSENTED, null, DEADLINE.minusSeconds(60)),
                    new CompromiseView.Party("France", null, null, null)),
            DEADLINE, "PENDING", null, new CompromiseView.ProposedBy("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION),
            DEADLINE.minusSeconds(3600), "merging both");
    private static final SilenceView SILENCE = new SilenceView("s-1", null, 3, DEADLINE, "Europe/Paris", "2026-12-20T18:00",
            List.of(StakeholderType.STATE), "RUNNING", null, null, DEADLINE.minusSeconds(86_400), null);

    private static final BracketView.Drafter CHAIR = new BracketView.Drafter("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final BracketView OPEN_BRACKET = new BracketView("b-1", "p-1", 3, 7, 9, "before 2030", "in dispute",
            List.of(new ProvisionView.AlternativeView("alt-1", "Alt 1", "before 2030", List.of("Kenya"),
                            new ProvisionView.Supporters(2, Map.of("NGO", 1, "STATE", 1))),
                    new ProvisionView.AlternativeView("alt-2", "Alt 2", "by 2040", List.of(), new ProvisionView.Supporters(0, Map.of()))),
            "OPEN", null, CHAIR, DEADLINE.minusSeconds(7200));
    private static final BracketView RESOLVED_BRACKET = new BracketView("b-2", "p-1", 3, 0, 1, "States", null, List.of(), "RESOLVED",
            new BracketView.Resolution(null, "All States", "broader", 4, CHAIR, DEADLINE.minusSeconds(600)), CHAIR,
            DEADLINE.minusSeconds(3600));

    @Autowired
    WebTestClient web;

    @MockitoBean
    QueryRunner queries;

    @BeforeEach
    void onlyTheQueriesATestExpectsAreAnswered() {
        answerNothingElse(queries);
    }

    @Test
    void anybody_reads_the_compromises_of_a_public_consultation_with_each_partys_answer() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindCompromisesQuery("c-1"), List.of(COMPROMISE));

        web.get().uri("/api/consultations/c-1/compromises").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].compromiseId").isEqualTo("k-1")
                .jsonPath("$[0].amendmentIds[1]").isEqualTo("a-2")
                .jsonPath("$[0].parties[0].answer").isEqualTo("CONSENTED")
                .jsonPath("$[0].parties[1].answer").doesNotExist()
                .jsonPath("$[0].status").isEqualTo("PENDING")
                .jsonPath("$[0].deadline").isEqualTo("2026-12-20T17:00:00Z");
    }

    @Test
    void one_compromise_is_read_and_one_the_consultation_does_not_have_is_not_found() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindCompromiseQuery("c-1", "k-1"), Optional.of(COMPROMISE));
        answer(queries, new FindCompromiseQuery("c-1", "k-9"), Optional.empty());

        web.get().uri("/api/consultations/c-1/compromises/k-1").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.proposedBy.organisation").isEqualTo("Secretariat");
        expectNotFound(web.get().uri("/api/consultations/c-1/compromises/k-9").exchange(), "No compromise k-9 in this consultation.");
    }

    @Test
    void the_silence_procedures_are_listed_with_their_deadline_as_set() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindSilenceProceduresQuery("c-1"), List.of(SILENCE));
        answer(queries, new FindSilenceProcedureQuery("c-1", "s-1"), Optional.of(SILENCE));

        web.get().uri("/api/consultations/c-1/silence").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].procedureId").isEqualTo("s-1")
                .jsonPath("$[0].deadlineLocal").isEqualTo("2026-12-20T18:00")
                .jsonPath("$[0].timeZone").isEqualTo("Europe/Paris")
                .jsonPath("$[0].breakableBy[0]").isEqualTo("STATE")
                .jsonPath("$[0].status").isEqualTo("RUNNING");
        web.get().uri("/api/consultations/c-1/silence/s-1").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(3);
    }

    @Test
    void anybody_reads_every_bracket_of_a_public_consultation_open_and_resolved() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindBracketsQuery("c-1"), List.of(OPEN_BRACKET, RESOLVED_BRACKET));

        web.get().uri("/api/consultations/c-1/brackets").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].bracketId").isEqualTo("b-1")
                .jsonPath("$[0].version").isEqualTo(3)
                .jsonPath("$[0].start").isEqualTo(7)
                .jsonPath("$[0].end").isEqualTo(9)
                .jsonPath("$[0].words").isEqualTo("before 2030")
                .jsonPath("$[0].alternatives[0].label").isEqualTo("Alt 1")
                .jsonPath("$[0].alternatives[0].supporters.byStakeholderType.NGO").isEqualTo(1)
                .jsonPath("$[0].status").isEqualTo("OPEN")
                .jsonPath("$[0].resolution").doesNotExist()
                .jsonPath("$[0].bracketedBy.organisation").isEqualTo("Secretariat")
                .jsonPath("$[0].bracketedAt").isEqualTo("2026-12-20T15:00:00Z")
                .jsonPath("$[1].status").isEqualTo("RESOLVED")
                .jsonPath("$[1].resolution.alternativeId").doesNotExist()
                .jsonPath("$[1].resolution.wording").isEqualTo("All States")
                .jsonPath("$[1].resolution.reason").isEqualTo("broader")
                .jsonPath("$[1].resolution.version").isEqualTo(4)
                .jsonPath("$[1].resolution.by.participantId").isEqualTo("d-1")
                .jsonPath("$[1].resolution.at").isEqualTo("2026-12-20T16:50:00Z");
    }

    @Test
    void one_bracket_is_read_where_its_location_points_and_one_the_consultation_does_not_have_is_not_found() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindBracketQuery("c-1", "b-1"), Optional.of(OPEN_BRACKET));
        answer(queries, new FindBracketQuery("c-1", "b-9"), Optional.empty());

        web.get().uri("/api/consultations/c-1/brackets/b-1").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.bracketId").isEqualTo("b-1")
                .jsonPath("$.note").isEqualTo("in dispute")
                .jsonPath("$.alternatives[1].text").isEqualTo("by 2040");
        expectNotFound(web.get().uri("/api/consultations/c-1/brackets/b-9").exchange(), "No bracket b-9 in this consultation.");
    }

    @Test
    void the_negotiation_of_a_restricted_consultation_does_not_exist_for_an_observer() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));

        expectNotFound(as(PRESS, web.get().uri("/api/consultations/c-1/brackets")).exchange(), "No consultation c-1 exists.");
        expectNotFound(as(PRESS, web.get().uri("/api/consultations/c-1/brackets/b-1")).exchange(), "No consultation c-1 exists.");

        expectNotFound(as(PRESS, web.get().uri("/api/consultations/c-1/compromises")).exchange(), "No consultation c-1 exists.");
        expectNotFound(as(PRESS, web.get().uri("/api/consultations/c-1/silence")).exchange(), "No consultation c-1 exists.");
    }

    @Test
    void the_compromises_of_an_unknown_consultation_are_not_found() {
        unknownConsultation(queries, "c-9");

        expectNotFound(web.get().uri("/api/consultations/c-9/compromises").exchange(), "No consultation c-9 exists.");
    }
}
