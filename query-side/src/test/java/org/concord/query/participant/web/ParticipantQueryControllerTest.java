package org.concord.query.participant.web;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.concord.messages.participant.FindParticipantsQuery;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.participant.query.ParticipantView;
import org.concord.query.web.QueryCallers;
import org.concord.query.web.QueryWebSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.concord.query.web.Problems.expectUnauthenticated;
import static org.concord.query.web.QueryCallers.DELEGATE;
import static org.concord.query.web.QueryCallers.as;
import static org.concord.query.web.QueryCallers.forgedAs;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;

/** The participant registry and the caller's own record (docs/api.md, Participants): answers and refusals. */
@WebFluxTest(ParticipantQueryController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@TestPropertySource(properties = "concord.internal.secret=" + QueryCallers.SECRET)
class ParticipantQueryControllerTest {

    @Autowired
    WebTestClient web;

    @MockitoBean
    QueryGateway queries;

    @Test
    void the_registry_lists_the_participants_the_projection_knows() {
        doReturn(CompletableFuture.completedFuture(List.of(new ParticipantView("p-de", "Germany", StakeholderType.STATE, "DE",
                "Delegation of Germany", Set.of(Role.PARTICIPANT), false))))
                .when(queries).query(any(FindParticipantsQuery.class), any(ResponseType.class));

        web.get().uri("/api/participants").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().json("""
                        [{"participantId": "p-de", "organisation": "Germany", "stakeholderType": "STATE", "country": "DE",
                          "displayName": "Delegation of Germany", "roles": ["PARTICIPANT"], "revoked": false}]""",
                        JsonCompareMode.STRICT);
    }

    @Test
    void a_signed_caller_reads_their_own_record_as_the_gateway_vouched_for_it() {
        as(DELEGATE, web.get().uri("/api/me")).exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"participantId": "p-de", "organisation": "Germany", "stakeholderType": "STATE", "country": "DE",
                         "displayName": "Delegation of Germany", "roles": ["PARTICIPANT"]}""", JsonCompareMode.STRICT);
    }

    @Test
    void asking_for_one_s_own_record_without_a_token_is_unauthenticated() {
        expectUnauthenticated(web.get().uri("/api/me").exchange(), "Send a token: Authorization: Bearer <token>.");
    }

    @Test
    void a_caller_header_the_gateway_did_not_sign_is_unauthenticated() {
        expectUnauthenticated(forgedAs(DELEGATE, web.get().uri("/api/me")).exchange(), "The caller header did not verify.");
    }
}
