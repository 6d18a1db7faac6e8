package org.concord.command.participant.credentials;

import org.concord.command.web.CommandWebSlice;
import org.concord.command.web.SignedCallers;
import org.concord.web.identity.CallerIdentityCodec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Optional;

import static org.concord.command.web.ProblemAnswers.expectProblem;
import static org.concord.command.web.ProblemAnswers.expectUnauthenticated;
import static org.concord.command.web.SignedCallers.FRANCE;
import static org.concord.command.web.SignedCallers.GATEWAY;
import static org.concord.command.web.SignedCallers.forged;
import static org.concord.command.web.SignedCallers.signed;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The credential lookup as the gateway meets it: whose a token hash is, how many are revoked, and for nobody else. */
@WebFluxTest(CredentialsController.class)
@ContextConfiguration(classes = CommandWebSlice.class)
@TestPropertySource(properties = "concord.internal.secret=" + SignedCallers.SECRET)
class CredentialsControllerTest {

    @Autowired
    WebTestClient web;

    @MockitoBean
    CredentialsProjection credentials;

    @Test
    void the_gateway_learns_whom_a_token_hash_authenticates() {
        when(credentials.find("hash-1")).thenReturn(Optional.of(new CredentialsProjection.Credential("p-fr", "France", "STATE", "FR",
                "Delegation of France", List.of("PARTICIPANT"))));

        web.get().uri("/internal/credentials/hash-1").header(CallerIdentityCodec.HEADER, signed(GATEWAY)).exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"participantId": "p-fr", "organisation": "France", "stakeholderType": "STATE", "country": "FR",
                         "displayName": "Delegation of France", "roles": ["PARTICIPANT"]}""", JsonCompareMode.STRICT);
    }

    @Test
    void a_hash_of_no_valid_credential_is_not_found() {
        when(credentials.find("hash-9")).thenReturn(Optional.empty());

        expectProblem(web.get().uri("/internal/credentials/hash-9").header(CallerIdentityCodec.HEADER, signed(GATEWAY)).exchange(),
                HttpStatus.NOT_FOUND, "not-found")
                .jsonPath("$.detail").isEqualTo("No valid credential has this hash.");
    }

    @Test
    void the_gateway_learns_how_many_credentials_are_revoked() {
        when(credentials.revoked()).thenReturn(3L);

        web.get().uri("/internal/credentials/revocations").header(CallerIdentityCodec.HEADER, signed(GATEWAY)).exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"revoked": 3}""", JsonCompareMode.STRICT);
    }

    @Test
    void a_participant_does_not_look_up_credentials() {
        expectProblem(web.get().uri("/internal/credentials/hash-1").header(CallerIdentityCodec.HEADER, signed(FRANCE)).exchange(),
                HttpStatus.FORBIDDEN, "forbidden")
                .jsonPath("$.detail").isEqualTo("This needs one of the roles GATEWAY.");
        verifyNoInteractions(credentials);
    }

    @Test
    void a_participant_does_not_count_revocations() {
        expectProblem(web.get().uri("/internal/credentials/revocations").header(CallerIdentityCodec.HEADER, signed(FRANCE)).exchange(),
                HttpStatus.FORBIDDEN, "forbidden");
        verifyNoInteractions(credentials);
    }

    @Test
    void a_lookup_without_the_gateway_s_caller_header_is_unauthenticated() {
        expectUnauthenticated(web.get().uri("/internal/credentials/hash-1").exchange());
        verifyNoInteractions(credentials);
    }

    @Test
    void a_lookup_signed_with_another_secret_is_unauthenticated() {
        expectUnauthenticated(web.get().uri("/internal/credentials/hash-1").header(CallerIdentityCodec.HEADER, forged(GATEWAY)).exchange());
        verifyNoInteractions(credentials);
    }
}
