package org.concord.command.consultation.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.domain.RuleViolationException;
import org.concord.command.web.CommandWebSlice;
import org.concord.command.web.SignedCallers;
import org.concord.messages.consultation.AdoptConsultationCommand;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.CloseRoundCommand;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.CreateConsultationCommand;
import org.concord.messages.consultation.EndorseConsultationCommand;
import org.concord.messages.consultation.OpenRoundCommand;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.ReviseTextCommand;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.command.web.DispatcherAnswers.dispatchFailing;
import static org.concord.command.web.DispatcherAnswers.handled;
import static org.concord.command.web.DispatcherAnswers.sendFailing;
import static org.concord.command.web.ProblemAnswers.expectInvalidField;
import static org.concord.command.web.ProblemAnswers.expectProblem;
import static org.concord.command.web.ProblemAnswers.expectUnauthenticated;
import static org.concord.command.web.SignedCallers.DRAFTER;
import static org.concord.command.web.SignedCallers.FRANCE;
import static org.concord.command.web.SignedCallers.OBSERVER;
import static org.concord.command.web.SignedCallers.signed;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** A consultation's lifecycle endpoints as a client meets them (docs/api.md, Consultations): answers, refusals and who may call. */
@WebFluxTest(ConsultationCommandController.class)
@ContextConfiguration(classes = CommandWebSlice.class)
@TestPropertySource(properties = "concord.internal.secret=" + SignedCallers.SECRET)
class ConsultationCommandControllerTest {

    private static final Actor FRANCE_ACTOR = new Actor("p-fr", "France", StakeholderType.STATE);
    private static final Actor DRAFTER_ACTOR = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final String CONSULTATION = """
            {"title": "Code of Practice", "summary": "For states", "visibility": "PUBLIC",
             "provisions": [{"label": "1", "text": "States should regulate."}, {"label": "2", "text": "Vendors should assess."}]}""";
    private static final String DEADLINE = """
            {"deadline": "2026-06-30T17:00:00Z"}""";
    private static final String REVISION = """
            {"baseVersion": 1, "reason": "Legal scrub",
             "changes": [{"kind": "REPLACE", "provisionId": "prov-1", "text": "States shall regulate."},
                         {"kind": "INSERT_AFTER", "provisionId": "prov-1", "label": "1.a", "text": "States shall report."}]}""";

    @Autowired
    WebTestClient web;

    @MockitoBean
    CommandDispatcher commands;

    @Test
    void a_drafter_creates_a_draft_at_version_1_answered_with_its_location_and_position() {
        when(commands.dispatch(any())).thenReturn(Mono.just(42L));

        var answer = post("/api/consultations", DRAFTER, CONSULTATION)
                .expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.position").isEqualTo(42)
                .returnResult();

        CreateConsultationCommand created = (CreateConsultationCommand) dispatched();
        List<Provision> provisions = created.provisions();
        assertThat(created).isEqualTo(new CreateConsultationCommand(created.consultationId(), "Code of Practice", "For states",
                Visibility.PUBLIC, List.of(new Provision(provisions.get(0).provisionId(), "1", "States should regulate."),
                new Provision(provisions.get(1).provisionId(), "2", "Vendors should assess.")), ConsultationStatus.DRAFT, DRAFTER_ACTOR));
        assertThat(provisions).extracting(Provision::provisionId).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(answer.getResponseHeaders().getLocation()).hasToString("/api/consultations/" + created.consultationId());
        assertThat(new String(answer.getResponseBodyContent())).contains("\"consultationId\":\"" + created.consultationId() + "\"");
    }

    @Test
    void a_consultation_a_participant_creates_is_proposed() {
        when(commands.dispatch(any())).thenReturn(Mono.just(42L));

        post("/api/consultations", FRANCE, CONSULTATION).expectStatus().isCreated();

        CreateConsultationCommand created = (CreateConsultationCommand) dispatched();
        assertThat(created.status()).isEqualTo(ConsultationStatus.PROPOSED);
        assertThat(created.proposer()).isEqualTo(FRANCE_ACTOR);
    }

    @Test
    void a_consultation_without_a_title_is_refused_naming_it() {
        expectInvalidField(post("/api/consultations", DRAFTER, CONSULTATION.replace("Code of Practice", "")), "title");
        verifyNoInteractions(commands);
    }

    @Test
    void a_visibility_that_does_not_exist_is_refused_naming_those_that_do() {
        expectInvalidField(post("/api/consultations", DRAFTER, CONSULTATION.replace("PUBLIC", "SECRET")), "visibility")
                .jsonPath("$.errors[0].message").isEqualTo("must be one of PUBLIC, RESTRICTED");
        verifyNoInteractions(commands);
    }

    @Test
    void a_label_that_is_not_a_number_is_refused_naming_its_provision() {
        expectInvalidField(post("/api/consultations", DRAFTER, CONSULTATION.replace("\"label\": \"2\"", "\"label\": \"two!\"")),
                "provisions[1].label")
                .jsonPath("$.errors[0].message").isEqualTo("must be a number like 1, 2.a or 2.a.i");
        verifyNoInteractions(commands);
    }

    @Test
    void a_consultation_that_is_not_json_is_malformed() {
        expectProblem(post("/api/consultations", DRAFTER, "{\"title\": "), HttpStatus.BAD_REQUEST, "malformed-body");
        verifyNoInteractions(commands);
    }

    @Test
    void a_consultation_with_a_label_used_twice_is_refused_naming_the_second() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.invalid("provisions[1].label",
                "Label 1 is used twice")));

        expectInvalidField(post("/api/consultations", DRAFTER, CONSULTATION.replace("\"label\": \"2\"", "\"label\": \"1\"")),
                "provisions[1].label")
                .jsonPath("$.errors[0].message").isEqualTo("Label 1 is used twice");
    }

    @Test
    void an_observer_does_not_create_consultations() {
        expectProblem(post("/api/consultations", OBSERVER, CONSULTATION), HttpStatus.FORBIDDEN, "forbidden")
                .jsonPath("$.detail").isEqualTo("This needs one of the roles DRAFTER, PARTICIPANT.");
        verifyNoInteractions(commands);
    }

    @Test
    void a_consultation_without_the_gateway_s_caller_header_is_unauthenticated() {
        expectUnauthenticated(web.post().uri("/api/consultations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(CONSULTATION).exchange());
        verifyNoInteractions(commands);
    }

    @Test
    void a_drafter_opens_a_round_answered_with_its_number() {
        when(commands.send(any())).thenReturn(handled(1, 43L));

        post("/api/consultations/c-1/rounds", DRAFTER, DEADLINE)
                .expectStatus().isCreated()
                .expectHeader().location("/api/consultations/c-1")
                .expectBody().json("""
                        {"round": 1, "status": "OPEN", "position": 43}""", JsonCompareMode.STRICT);
        verify(commands).send(new OpenRoundCommand("c-1", Instant.parse("2026-06-30T17:00:00Z"), DRAFTER_ACTOR));
    }

    @Test
    void a_deadline_that_is_not_an_instant_is_refused_naming_it() {
        expectInvalidField(post("/api/consultations/c-1/rounds", DRAFTER, """
                {"deadline": "next Friday"}"""), "deadline")
                .jsonPath("$.errors[0].message").isEqualTo("must be an ISO-8601 instant such as 2025-04-04T10:00:00Z");
        verifyNoInteractions(commands);
    }

    @Test
    void a_round_without_a_deadline_is_refused_naming_it() {
        expectInvalidField(post("/api/consultations/c-1/rounds", DRAFTER, "{}"), "deadline");
        verifyNoInteractions(commands);
    }

    @Test
    void a_deadline_in_the_past_is_refused_naming_it() {
        when(commands.send(any())).thenReturn(sendFailing(RuleViolationException.invalid("deadline", "must be in the future")));

        expectInvalidField(post("/api/consultations/c-1/rounds", DRAFTER, DEADLINE), "deadline")
                .jsonPath("$.errors[0].message").isEqualTo("must be in the future");
    }

    @Test
    void opening_a_round_while_one_is_open_is_a_conflict() {
        when(commands.send(any())).thenReturn(sendFailing(RuleViolationException.conflict(
                "Cannot open a round while the consultation is OPEN.")));

        expectProblem(post("/api/consultations/c-1/rounds", DRAFTER, DEADLINE), HttpStatus.CONFLICT, "conflict")
                .jsonPath("$.detail").isEqualTo("Cannot open a round while the consultation is OPEN.");
    }

    @Test
    void a_participant_does_not_open_rounds() {
        expectProblem(post("/api/consultations/c-1/rounds", FRANCE, DEADLINE), HttpStatus.FORBIDDEN, "forbidden")
                .jsonPath("$.detail").isEqualTo("This needs one of the roles DRAFTER.");
        verifyNoInteractions(commands);
    }

    @Test
    void a_drafter_closes_the_current_round() {
        when(commands.send(any())).thenReturn(handled(1, 44L));

        post("/api/consultations/c-1/rounds/current/close", DRAFTER)
                .expectStatus().isOk()
                .expectBody().json("""
                        {"round": 1, "status": "CLOSED", "position": 44}""", JsonCompareMode.STRICT);
        verify(commands).send(new CloseRoundCommand("c-1", DRAFTER_ACTOR));
    }

    @Test
    void closing_the_round_of_a_consultation_that_does_not_exist_is_not_found() {
        when(commands.send(any())).thenReturn(sendFailing(new AggregateNotFoundException("c-9", "The aggregate was not found")));

        expectProblem(post("/api/consultations/c-9/rounds/current/close", DRAFTER), HttpStatus.NOT_FOUND, "not-found")
                .jsonPath("$.detail").isEqualTo("Nothing with this id exists.");
    }

    @Test
    void a_drafter_revises_the_text_answered_with_the_location_of_the_new_version() {
        when(commands.send(any())).thenReturn(handled(2, 45L));

        post("/api/consultations/c-1/revisions", DRAFTER, REVISION)
                .expectStatus().isCreated()
                .expectHeader().location("/api/consultations/c-1/versions/2")
                .expectBody().json("""
                        {"version": 2, "position": 45}""", JsonCompareMode.STRICT);
        ReviseTextCommand revised = (ReviseTextCommand) sent();
        String inserted = revised.changes().get(1).newProvisionId();
        assertThat(inserted).isNotBlank();
        assertThat(revised).isEqualTo(new ReviseTextCommand("c-1", 1, "Legal scrub", List.of(
                new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States shall regulate."),
                new TextChange(ChangeKind.INSERT_AFTER, "prov-1", inserted, "1.a", "States shall report.")), DRAFTER_ACTOR));
    }

    @Test
    void a_change_of_a_kind_that_does_not_exist_is_refused_naming_it() {
        expectInvalidField(post("/api/consultations/c-1/revisions", DRAFTER, REVISION.replace("\"REPLACE\"", "\"MOVE\"")),
                "changes[0].kind")
                .jsonPath("$.errors[0].message").isEqualTo("must be one of REPLACE, INSERT_AFTER, DELETE");
        verifyNoInteractions(commands);
    }

    @Test
    void a_revision_without_a_base_version_is_refused_naming_it() {
        expectInvalidField(post("/api/consultations/c-1/revisions", DRAFTER, REVISION.replace("\"baseVersion\": 1, ", "")),
                "baseVersion");
        verifyNoInteractions(commands);
    }

    @Test
    void a_revision_on_a_stale_version_is_a_conflict() {
        when(commands.send(any())).thenReturn(sendFailing(RuleViolationException.conflict(
                "The text has changed since version 1; it is now at version 2. Revise against the current version.")));

        expectProblem(post("/api/consultations/c-1/revisions", DRAFTER, REVISION), HttpStatus.CONFLICT, "conflict")
                .jsonPath("$.detail").isEqualTo("The text has changed since version 1; it is now at version 2. "
                        + "Revise against the current version.");
    }

    @Test
    void a_change_the_text_refuses_is_named_by_its_place_in_the_revision() {
        when(commands.send(any())).thenReturn(sendFailing(RuleViolationException.invalid("changes[1].label",
                "needs a label not used in the text")));

        expectInvalidField(post("/api/consultations/c-1/revisions", DRAFTER, REVISION), "changes[1].label")
                .jsonPath("$.errors[0].message").isEqualTo("needs a label not used in the text");
    }

    @Test
    void a_drafter_adopts_the_consultation_at_its_current_version() {
        when(commands.send(any())).thenReturn(handled(3, 46L));

        post("/api/consultations/c-1/adopt", DRAFTER)
                .expectStatus().isOk()
                .expectBody().json("""
                        {"status": "ADOPTED", "version": 3, "position": 46}""", JsonCompareMode.STRICT);
        verify(commands).send(new AdoptConsultationCommand("c-1", DRAFTER_ACTOR));
    }

    @Test
    void adopting_while_an_amendment_is_proposed_is_a_conflict() {
        when(commands.send(any())).thenReturn(sendFailing(RuleViolationException.conflict(
                "1 amendment(s) are still PROPOSED; decide them before adopting.")));

        expectProblem(post("/api/consultations/c-1/adopt", DRAFTER), HttpStatus.CONFLICT, "conflict")
                .jsonPath("$.detail").isEqualTo("1 amendment(s) are still PROPOSED; decide them before adopting.");
    }

    @Test
    void a_participant_endorses_the_adopted_text_for_their_organisation() {
        when(commands.dispatch(any())).thenReturn(Mono.just(47L));

        post("/api/consultations/c-1/endorsements", FRANCE)
                .expectStatus().isCreated()
                .expectHeader().location("/api/consultations/c-1/endorsements")
                .expectBody().json("""
                        {"organisation": "France", "position": 47}""", JsonCompareMode.STRICT);
        verify(commands).dispatch(new EndorseConsultationCommand("c-1", "FR", FRANCE_ACTOR));
    }

    @Test
    void an_organisation_endorsing_twice_is_a_conflict() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.conflict(
                "France has already endorsed this text.")));

        expectProblem(post("/api/consultations/c-1/endorsements", FRANCE), HttpStatus.CONFLICT, "conflict")
                .jsonPath("$.detail").isEqualTo("France has already endorsed this text.");
    }

    @Test
    void a_drafter_does_not_endorse() {
        expectProblem(post("/api/consultations/c-1/endorsements", DRAFTER), HttpStatus.FORBIDDEN, "forbidden")
                .jsonPath("$.detail").isEqualTo("This needs one of the roles PARTICIPANT.");
        verifyNoInteractions(commands);
    }

    private WebTestClient.ResponseSpec post(String path, CallerIdentity caller, String json) {
        return web.post().uri(path).header(CallerIdentityCodec.HEADER, signed(caller))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private WebTestClient.ResponseSpec post(String path, CallerIdentity caller) {
        return web.post().uri(path).header(CallerIdentityCodec.HEADER, signed(caller)).exchange();
    }

    private Object dispatched() {
        ArgumentCaptor<Object> command = ArgumentCaptor.forClass(Object.class);
        verify(commands).dispatch(command.capture());
        return command.getValue();
    }

    private Object sent() {
        ArgumentCaptor<Object> command = ArgumentCaptor.forClass(Object.class);
        verify(commands).send(command.capture());
        return command.getValue();
    }
}
