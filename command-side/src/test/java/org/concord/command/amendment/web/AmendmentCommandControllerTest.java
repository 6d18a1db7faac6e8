package org.concord.command.amendment.web;

import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.domain.RuleViolationException;
import org.concord.command.web.CommandWebSlice;
import org.concord.command.web.SignedCallers;
import org.concord.messages.amendment.AcceptAmendmentCommand;
import org.concord.messages.amendment.ProposeAmendmentCommand;
import org.concord.messages.amendment.RejectAmendmentCommand;
import org.concord.messages.amendment.SupportAmendmentCommand;
import org.concord.messages.amendment.WithdrawAmendmentCommand;
import org.concord.messages.amendment.WithdrawSupportCommand;
import org.concord.messages.consultation.ChangeKind;
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

/** The amendment endpoints as a client meets them (docs/api.md, Amendments): answers, refusals and who may call. */
@WebFluxTest(AmendmentCommandController.class)
@ContextConfiguration(classes = CommandWebSlice.class)
@TestPropertySource(properties = "concord.internal.secret=" + SignedCallers.SECRET)
class AmendmentCommandControllerTest {

    private static final Actor FRANCE_ACTOR = new Actor("p-fr", "France", StakeholderType.STATE);
    private static final Actor DRAFTER_ACTOR = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final String PROPOSAL = """
            {"kind": "REPLACE", "provisionId": "prov-1", "baseVersion": 1,
             "text": "States shall regulate intrusion tools.", "justification": "Stronger wording"}""";

    @Autowired
    WebTestClient web;

    @MockitoBean
    CommandDispatcher commands;

    @Test
    void a_participant_proposes_an_amendment_answered_with_its_location_and_the_position_of_its_event() {
        when(commands.dispatch(any())).thenReturn(Mono.just(42L));

        var answer = post("/api/consultations/c-1/amendments", FRANCE, PROPOSAL)
                .expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.position").isEqualTo(42)
                .returnResult();

        ProposeAmendmentCommand proposed = (ProposeAmendmentCommand) dispatched();
        assertThat(proposed).isEqualTo(new ProposeAmendmentCommand("c-1", proposed.amendmentId(), ChangeKind.REPLACE, "prov-1", 1,
                "States shall regulate intrusion tools.", null, "Stronger wording", FRANCE_ACTOR));
        assertThat(answer.getResponseHeaders().getLocation())
                .hasToString("/api/consultations/c-1/amendments/" + proposed.amendmentId());
        assertThat(new String(answer.getResponseBodyContent())).contains("\"amendmentId\":\"" + proposed.amendmentId() + "\"");
    }

    @Test
    void a_proposal_without_a_justification_is_refused_naming_it() {
        expectInvalidField(post("/api/consultations/c-1/amendments", FRANCE, PROPOSAL.replace("Stronger wording", " ")),
                "justification");
        verifyNoInteractions(commands);
    }

    @Test
    void a_proposal_based_on_version_0_is_refused_naming_its_base_version() {
        expectInvalidField(post("/api/consultations/c-1/amendments", FRANCE,
                PROPOSAL.replace("\"baseVersion\": 1", "\"baseVersion\": 0")), "baseVersion");
        verifyNoInteractions(commands);
    }

    @Test
    void a_kind_of_change_that_does_not_exist_is_refused_naming_the_kinds_that_do() {
        expectInvalidField(post("/api/consultations/c-1/amendments", FRANCE, PROPOSAL.replace("REPLACE", "MOVE")), "kind")
                .jsonPath("$.errors[0].message").isEqualTo("must be one of REPLACE, INSERT_AFTER, DELETE");
        verifyNoInteractions(commands);
    }

    @Test
    void a_proposal_that_is_not_json_is_malformed() {
        expectProblem(post("/api/consultations/c-1/amendments", FRANCE, "{\"kind\": \"REPLACE\","),
                HttpStatus.BAD_REQUEST, "malformed-body");
        verifyNoInteractions(commands);
    }

    @Test
    void a_proposal_without_the_gateway_s_caller_header_is_unauthenticated() {
        expectUnauthenticated(web.post().uri("/api/consultations/c-1/amendments")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(PROPOSAL).exchange());
        verifyNoInteractions(commands);
    }

    @Test
    void a_caller_header_signed_with_another_secret_is_unauthenticated() {
        expectUnauthenticated(web.post().uri("/api/consultations/c-1/amendments")
                .header(CallerIdentityCodec.HEADER, SignedCallers.forged(FRANCE))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(PROPOSAL).exchange())
                .jsonPath("$.detail").isEqualTo("The caller header did not verify.");
        verifyNoInteractions(commands);
    }

    @Test
    void a_caller_header_signed_minutes_ago_is_unauthenticated() {
        expectUnauthenticated(web.post().uri("/api/consultations/c-1/amendments/a-1/support")
                .header(CallerIdentityCodec.HEADER, SignedCallers.stale(FRANCE)).exchange());
        verifyNoInteractions(commands);
    }

    @Test
    void a_drafter_does_not_propose_amendments() {
        expectProblem(post("/api/consultations/c-1/amendments", DRAFTER, PROPOSAL), HttpStatus.FORBIDDEN, "forbidden")
                .jsonPath("$.detail").isEqualTo("This needs one of the roles PARTICIPANT.");
        verifyNoInteractions(commands);
    }

    @Test
    void a_proposal_after_the_deadline_is_a_conflict_saying_so() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.conflict(
                "The deadline of round 1 passed at 2025-04-15T10:00:00Z: no new amendments are accepted.")));

        expectProblem(post("/api/consultations/c-1/amendments", FRANCE, PROPOSAL), HttpStatus.CONFLICT, "conflict")
                .jsonPath("$.detail").isEqualTo("The deadline of round 1 passed at 2025-04-15T10:00:00Z: no new amendments are accepted.")
                .jsonPath("$.instance").isEqualTo("/api/consultations/c-1/amendments");
    }

    @Test
    void a_proposal_on_a_provision_the_text_does_not_have_is_refused_naming_it() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.invalid("provisionId",
                "No provision prov-1 in the current text")));

        expectInvalidField(post("/api/consultations/c-1/amendments", FRANCE, PROPOSAL), "provisionId")
                .jsonPath("$.errors[0].message").isEqualTo("No provision prov-1 in the current text");
    }

    @Test
    void a_participant_supports_an_amendment_which_stays_proposed() {
        when(commands.dispatch(any())).thenReturn(Mono.just(43L));

        post("/api/consultations/c-1/amendments/a-1/support", FRANCE)
                .expectStatus().isOk()
                .expectBody().json("""
                        {"amendmentId": "a-1", "status": "PROPOSED", "position": 43}""", JsonCompareMode.STRICT);
        verify(commands).dispatch(new SupportAmendmentCommand("c-1", "a-1", FRANCE_ACTOR));
    }

    @Test
    void supporting_one_s_own_amendment_is_forbidden() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.notAllowed(
                "Authors cannot support their own amendment.")));

        expectProblem(post("/api/consultations/c-1/amendments/a-1/support", FRANCE), HttpStatus.FORBIDDEN, "forbidden")
                .jsonPath("$.detail").isEqualTo("Authors cannot support their own amendment.");
    }

    @Test
    void supporting_an_amendment_the_consultation_does_not_have_is_not_found() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.notFound(
                "No amendment a-9 in this consultation.")));

        expectProblem(post("/api/consultations/c-1/amendments/a-9/support", FRANCE), HttpStatus.NOT_FOUND, "not-found")
                .jsonPath("$.detail").isEqualTo("No amendment a-9 in this consultation.");
    }

    @Test
    void a_supporter_withdraws_their_support_and_the_amendment_stays_proposed() {
        when(commands.dispatch(any())).thenReturn(Mono.just(44L));

        web.delete().uri("/api/consultations/c-1/amendments/a-1/support").header(CallerIdentityCodec.HEADER, signed(FRANCE))
                .exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"amendmentId": "a-1", "status": "PROPOSED", "position": 44}""", JsonCompareMode.STRICT);
        verify(commands).dispatch(new WithdrawSupportCommand("c-1", "a-1", FRANCE_ACTOR));
    }

    @Test
    void withdrawing_support_never_given_is_a_conflict() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.conflict("You do not support this amendment.")));

        expectProblem(web.delete().uri("/api/consultations/c-1/amendments/a-1/support")
                        .header(CallerIdentityCodec.HEADER, signed(FRANCE)).exchange(), HttpStatus.CONFLICT, "conflict")
                .jsonPath("$.detail").isEqualTo("You do not support this amendment.");
    }

    @Test
    void the_author_withdraws_their_amendment() {
        when(commands.dispatch(any())).thenReturn(Mono.just(45L));

        post("/api/consultations/c-1/amendments/a-1/withdraw", FRANCE)
                .expectStatus().isOk()
                .expectBody().json("""
                        {"amendmentId": "a-1", "status": "WITHDRAWN", "position": 45}""", JsonCompareMode.STRICT);
        verify(commands).dispatch(new WithdrawAmendmentCommand("c-1", "a-1", FRANCE_ACTOR));
    }

    @Test
    void an_observer_does_not_withdraw_amendments() {
        expectProblem(post("/api/consultations/c-1/amendments/a-1/withdraw", OBSERVER), HttpStatus.FORBIDDEN, "forbidden");
        verifyNoInteractions(commands);
    }

    @Test
    void a_drafter_accepts_an_amendment_answered_with_the_version_it_made() {
        when(commands.send(any())).thenReturn(handled(2, 46L));

        post("/api/consultations/c-1/amendments/a-1/accept", DRAFTER, """
                {"reason": "Agreed in plenary"}""")
                .expectStatus().isOk()
                .expectBody().json("""
                        {"amendmentId": "a-1", "status": "ACCEPTED", "version": 2, "position": 46}""", JsonCompareMode.STRICT);
        AcceptAmendmentCommand accepted = (AcceptAmendmentCommand) sent();
        assertThat(accepted).isEqualTo(new AcceptAmendmentCommand("c-1", "a-1", "Agreed in plenary", null,
                accepted.newProvisionId(), DRAFTER_ACTOR));
        assertThat(accepted.newProvisionId()).isNotBlank();
    }

    @Test
    void an_amendment_accepted_with_the_drafter_s_wording_is_accepted_with_modifications() {
        when(commands.send(any())).thenReturn(handled(2, 47L));

        post("/api/consultations/c-1/amendments/a-1/accept", DRAFTER, """
                {"reason": "Merged", "text": "States must regulate."}""")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACCEPTED_WITH_MODIFICATIONS");
        assertThat(((AcceptAmendmentCommand) sent()).text()).isEqualTo("States must regulate.");
    }

    @Test
    void an_acceptance_without_a_reason_is_refused_naming_it() {
        expectInvalidField(post("/api/consultations/c-1/amendments/a-1/accept", DRAFTER, """
                {"reason": ""}"""), "reason");
        verifyNoInteractions(commands);
    }

    @Test
    void a_participant_does_not_accept_amendments() {
        expectProblem(post("/api/consultations/c-1/amendments/a-1/accept", FRANCE, """
                {"reason": "Agreed"}"""), HttpStatus.FORBIDDEN, "forbidden")
                .jsonPath("$.detail").isEqualTo("This needs one of the roles DRAFTER.");
        verifyNoInteractions(commands);
    }

    @Test
    void accepting_a_stale_amendment_as_proposed_is_a_conflict() {
        when(commands.send(any())).thenReturn(sendFailing(RuleViolationException.conflict("The provision changed after version 1 "
                + "on which this amendment is based; accept it with merged wording in text.")));

        expectProblem(post("/api/consultations/c-1/amendments/a-1/accept", DRAFTER, """
                {"reason": "Agreed"}"""), HttpStatus.CONFLICT, "conflict")
                .jsonPath("$.detail").isEqualTo("The provision changed after version 1 on which this amendment is based; "
                        + "accept it with merged wording in text.");
    }

    @Test
    void a_drafter_rejects_an_amendment_saying_why() {
        when(commands.dispatch(any())).thenReturn(Mono.just(48L));

        post("/api/consultations/c-1/amendments/a-1/reject", DRAFTER, """
                {"reason": "Out of scope"}""")
                .expectStatus().isOk()
                .expectBody().json("""
                        {"amendmentId": "a-1", "status": "REJECTED", "position": 48}""", JsonCompareMode.STRICT);
        verify(commands).dispatch(new RejectAmendmentCommand("c-1", "a-1", "Out of scope", DRAFTER_ACTOR));
    }

    @Test
    void a_rejection_without_a_reason_is_refused_naming_it() {
        expectInvalidField(post("/api/consultations/c-1/amendments/a-1/reject", DRAFTER, "{}"), "reason");
        verifyNoInteractions(commands);
    }

    @Test
    void rejecting_a_decided_amendment_is_a_conflict() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.conflict(
                "The amendment is ACCEPTED; only a PROPOSED one can be rejected.")));

        expectProblem(post("/api/consultations/c-1/amendments/a-1/reject", DRAFTER, """
                {"reason": "Out of scope"}"""), HttpStatus.CONFLICT, "conflict")
                .jsonPath("$.detail").isEqualTo("The amendment is ACCEPTED; only a PROPOSED one can be rejected.");
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
