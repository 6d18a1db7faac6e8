package org.concord.command.participant.web;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.domain.RuleViolationException;
import org.concord.command.web.CommandWebSlice;
import org.concord.command.web.SignedCallers;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.RegisterParticipantCommand;
import org.concord.messages.participant.RevokeParticipantCommand;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.concord.web.identity.TokenHash;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.command.web.DispatcherAnswers.dispatchFailing;
import static org.concord.command.web.ProblemAnswers.expectInvalidField;
import static org.concord.command.web.ProblemAnswers.expectProblem;
import static org.concord.command.web.ProblemAnswers.expectUnauthenticated;
import static org.concord.command.web.SignedCallers.ADMIN;
import static org.concord.command.web.SignedCallers.DRAFTER;
import static org.concord.command.web.SignedCallers.FRANCE;
import static org.concord.command.web.SignedCallers.signed;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The participant endpoints as an administrator meets them (docs/api.md, Participants): answers, refusals and who may call. */
@WebFluxTest(ParticipantCommandController.class)
@ContextConfiguration(classes = CommandWebSlice.class)
@TestPropertySource(properties = "concord.internal.secret=" + SignedCallers.SECRET)
class ParticipantCommandControllerTest {

    private static final Actor ADMIN_ACTOR = new Actor("admin", "Concord administration", null);
    private static final String REGISTRATION = """
            {"organisation": "France", "stakeholderType": "STATE", "country": "FR",
             "displayName": "Delegation of France", "roles": ["PARTICIPANT"]}""";

    @Autowired
    WebTestClient web;

    @MockitoBean
    CommandDispatcher commands;

    @Test
    void an_administrator_registers_a_delegate_whose_token_is_shown_once_and_stored_as_its_hash() {
        when(commands.send(any())).thenReturn(Mono.just(new CommandDispatcher.Dispatched(null, 42L, false)));

        var answer = post("/api/participants", ADMIN, REGISTRATION)
                .expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.position").isEqualTo(42)
                .jsonPath("$.tokenWithheld").isEqualTo(false)
                .returnResult();

        JsonNode body = JsonMapper.builder().build().readTree(answer.getResponseBodyContent());
        String token = body.get("token").asString();
        RegisterParticipantCommand registered = (RegisterParticipantCommand) sent();
        assertThat(token).startsWith("cnc_");
        assertThat(registered).isEqualTo(new RegisterParticipantCommand(registered.participantId(), "France", StakeholderType.STATE,
                "FR", "Delegation of France", Set.of(Role.PARTICIPANT), TokenHash.of(token), ADMIN_ACTOR));
        assertThat(body.get("participantId").asString()).isEqualTo(registered.participantId());
        assertThat(answer.getResponseHeaders().getLocation()).hasToString("/api/participants/" + registered.participantId());
    }

    @Test
    void a_registration_whose_first_answer_was_lost_is_a_conflict_since_its_token_cannot_be_shown_again() {
        when(commands.send(any())).thenReturn(Mono.just(new CommandDispatcher.Dispatched(null, 42L, true)));

        expectProblem(post("/api/participants", ADMIN, REGISTRATION), HttpStatus.CONFLICT, "conflict")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .startsWith("An earlier attempt with this Idempotency-Key registered participant ")
                        .endsWith("its token cannot be shown again: revoke it and register anew."));
    }

    @Test
    void a_country_that_is_not_an_iso_code_in_capitals_is_refused_naming_it() {
        expectInvalidField(post("/api/participants", ADMIN, REGISTRATION.replace("\"FR\"", "\"fr\"")), "country")
                .jsonPath("$.errors[0].message").isEqualTo("must be an ISO 3166-1 alpha-2 code such as FR");
        verifyNoInteractions(commands);
    }

    @Test
    void a_participant_without_roles_is_refused_naming_them() {
        expectInvalidField(post("/api/participants", ADMIN, REGISTRATION.replace("[\"PARTICIPANT\"]", "[]")), "roles");
        verifyNoInteractions(commands);
    }

    @Test
    void a_role_that_does_not_exist_is_refused_naming_those_that_do() {
        expectInvalidField(post("/api/participants", ADMIN, REGISTRATION.replace("\"PARTICIPANT\"", "\"CHAIR\"")), "roles[0]")
                .jsonPath("$.errors[0].message").isEqualTo("must be one of PARTICIPANT, DRAFTER, OBSERVER, ADMIN");
        verifyNoInteractions(commands);
    }

    @Test
    void a_participant_without_a_stakeholder_type_is_refused_naming_it() {
        expectInvalidField(post("/api/participants", ADMIN, REGISTRATION.replace("\"stakeholderType\": \"STATE\", ", "")),
                "stakeholderType");
        verifyNoInteractions(commands);
    }

    @Test
    void a_registration_that_is_not_json_is_malformed() {
        expectProblem(post("/api/participants", ADMIN, "[\"France\""), HttpStatus.BAD_REQUEST, "malformed-body");
        verifyNoInteractions(commands);
    }

    @Test
    void a_participant_does_not_register_others() {
        expectProblem(post("/api/participants", FRANCE, REGISTRATION), HttpStatus.FORBIDDEN, "forbidden")
                .jsonPath("$.detail").isEqualTo("This needs one of the roles ADMIN.");
        verifyNoInteractions(commands);
    }

    @Test
    void a_registration_without_the_gateway_s_caller_header_is_unauthenticated() {
        expectUnauthenticated(web.post().uri("/api/participants").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(REGISTRATION).exchange());
        verifyNoInteractions(commands);
    }

    @Test
    void an_administrator_revokes_a_participant() {
        when(commands.dispatch(any())).thenReturn(Mono.just(43L));

        revoke("p-1", ADMIN)
                .expectStatus().isOk()
                .expectBody().json("""
                        {"participantId": "p-1", "revoked": true, "position": 43}""", JsonCompareMode.STRICT);
        verify(commands).dispatch(new RevokeParticipantCommand("p-1", ADMIN_ACTOR));
    }

    @Test
    void revoking_a_revoked_participant_is_a_conflict() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(RuleViolationException.conflict(
                "This participant's credential is already revoked")));

        expectProblem(revoke("p-1", ADMIN), HttpStatus.CONFLICT, "conflict")
                .jsonPath("$.detail").isEqualTo("This participant's credential is already revoked");
    }

    @Test
    void revoking_a_participant_who_was_never_registered_is_not_found() {
        when(commands.dispatch(any())).thenReturn(dispatchFailing(new AggregateNotFoundException("p-9", "The aggregate was not found")));

        expectProblem(revoke("p-9", ADMIN), HttpStatus.NOT_FOUND, "not-found")
                .jsonPath("$.detail").isEqualTo("Nothing with this id exists.");
    }

    @Test
    void a_drafter_does_not_revoke_participants() {
        expectProblem(revoke("p-1", DRAFTER), HttpStatus.FORBIDDEN, "forbidden");
        verifyNoInteractions(commands);
    }

    private WebTestClient.ResponseSpec post(String path, CallerIdentity caller, String json) {
        return web.post().uri(path).header(CallerIdentityCodec.HEADER, signed(caller))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private WebTestClient.ResponseSpec revoke(String participantId, CallerIdentity caller) {
        return web.post().uri("/api/participants/{participantId}/revoke", participantId)
                .header(CallerIdentityCodec.HEADER, signed(caller)).exchange();
    }

    private Object sent() {
        ArgumentCaptor<Object> command = ArgumentCaptor.forClass(Object.class);
        verify(commands).send(command.capture());
        return command.getValue();
    }
}
