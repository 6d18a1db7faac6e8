package org.concord.command.negotiation.web;

import org.concord.command.dispatch.CommandDispatcher;
import org.concord.command.web.CommandWebSlice;
import org.concord.command.web.SignedCallers;
import org.concord.messages.negotiation.BracketTextCommand;
import org.concord.messages.negotiation.StartSilenceProcedureCommand;
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
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.command.web.ProblemAnswers.expectInvalidField;
import static org.concord.command.web.ProblemAnswers.expectProblem;
import static org.concord.command.web.SignedCallers.DRAFTER;
import static org.concord.command.web.SignedCallers.FRANCE;
import static org.concord.command.web.SignedCallers.signed;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** The negotiation endpoints' answers and their refusals of malformed requests (issue #20). */
@WebFluxTest({ProvisionNegotiationController.class, BracketCommandController.class, CompromiseCommandController.class,
        SilenceCommandController.class})
@ContextConfiguration(classes = CommandWebSlice.class)
@TestPropertySource(properties = "concord.internal.secret=" + SignedCallers.SECRET)
class NegotiationControllersTest {

    @Autowired
    WebTestClient web;

    @MockitoBean
    CommandDispatcher commands;

    @Test
    void a_silence_deadline_is_read_in_its_time_zone() {
        when(commands.dispatch(any())).thenReturn(Mono.just(7L));

        post("/api/consultations/c-1/silence", DRAFTER, """
                {"deadline": "2026-12-20T18:00", "timeZone": "Europe/Paris"}""")
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.deadline").isEqualTo("2026-12-20T17:00:00Z")
                .jsonPath("$.timeZone").isEqualTo("Europe/Paris")
                .jsonPath("$.position").isEqualTo(7);

        StartSilenceProcedureCommand started = (StartSilenceProcedureCommand) dispatched();
        assertThat(started.deadline()).isEqualTo(Instant.parse("2026-12-20T17:00:00Z"));
        assertThat(started.breakableBy()).as("by default, states break silence").isEqualTo(Set.of(StakeholderType.STATE));
        assertThat(started.provisionId()).isNull();
    }

    @Test
    void a_silence_deadline_with_an_offset_is_refused() {
        expectInvalidField(post("/api/consultations/c-1/silence", DRAFTER, """
                {"deadline": "2026-12-20T18:00+01:00", "timeZone": "Europe/Paris"}"""), "deadline");
        verifyNoInteractions(commands);
    }

    @Test
    void a_silence_deadline_that_does_not_parse_is_refused() {
        expectInvalidField(post("/api/consultations/c-1/silence", DRAFTER, """
                {"deadline": "20 December", "timeZone": "Europe/Paris"}"""), "deadline");
    }

    @Test
    void a_silence_deadline_in_the_spring_forward_gap_is_refused() {
        expectInvalidField(post("/api/consultations/c-1/silence", DRAFTER, """
                {"deadline": "2026-03-29T02:30", "timeZone": "Europe/Paris"}"""), "deadline")
                .jsonPath("$.errors[0].message").isEqualTo("2026-03-29T02:30 does not exist in Europe/Paris: the clocks skip it "
                        + "(daylight saving time); choose another time");
    }

    @Test
    void an_unknown_time_zone_is_refused() {
        expectInvalidField(post("/api/consultations/c-1/silence", DRAFTER, """
                {"deadline": "2026-12-20T18:00", "timeZone": "+01:00"}"""), "timeZone");
    }

    @Test
    void silence_is_started_by_a_drafter() {
        expectProblem(post("/api/consultations/c-1/silence", FRANCE, """
                {"deadline": "2026-12-20T18:00", "timeZone": "Europe/Paris"}"""), HttpStatus.FORBIDDEN, "forbidden");
    }

    @Test
    void a_bracket_gets_its_id_and_its_alternatives_ids_in_order() {
        when(commands.dispatch(any())).thenReturn(Mono.just(9L));

        var answer = post("/api/consultations/c-1/provisions/prov-1/brackets", DRAFTER, """
                {"version": 1, "start": 3, "end": 5, "alternatives": [{"text": "spyware", "sponsors": ["France"]},
                 {"text": "surveillance software"}]}""")
                .expectStatus().isCreated()
                .expectBody(String.class).returnResult();

        BracketTextCommand bracketed = (BracketTextCommand) dispatched();
        assertThat(bracketed.alternatives()).extracting(a -> a.text()).containsExactly("spyware", "surveillance software");
        assertThat(answer.getResponseBody()).contains(bracketed.bracketId(), bracketed.alternatives().get(0).alternativeId(),
                bracketed.alternatives().get(1).alternativeId());
        assertThat(answer.getResponseHeaders().getLocation()).hasToString("/api/consultations/c-1/brackets/" + bracketed.bracketId());
    }

    @Test
    void an_alternative_needs_a_text() {
        expectInvalidField(post("/api/consultations/c-1/provisions/prov-1/brackets", DRAFTER, """
                {"version": 1, "start": 3, "end": 5, "alternatives": [{"text": " "}, {"text": "b"}]}"""), "alternatives[0].text");
    }

    @Test
    void a_compromise_merges_at_least_two_amendments() {
        expectInvalidField(post("/api/consultations/c-1/compromises", DRAFTER, """
                {"provisionId": "prov-1", "text": "Wording", "amendmentIds": ["a-1"], "deadline": "2026-12-20T17:00:00Z"}"""),
                "amendmentIds");
    }

    @Test
    void objecting_needs_a_reason() {
        expectInvalidField(post("/api/consultations/c-1/compromises/k-1/object", FRANCE, """
                {"reason": ""}"""), "reason");
    }

    @Test
    void ad_referendum_is_agreed_without_a_body() {
        when(commands.dispatch(any())).thenReturn(Mono.just(3L));

        web.post().uri("/api/consultations/c-1/provisions/prov-1/ad-referendum").header(CallerIdentityCodec.HEADER, signed(FRANCE))
                .exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.organisation").isEqualTo("France")
                .jsonPath("$.position").isEqualTo(3);
    }

    private WebTestClient.ResponseSpec post(String path, CallerIdentity caller, String json) {
        return web.post().uri(path).header(CallerIdentityCodec.HEADER, signed(caller))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private Object dispatched() {
        ArgumentCaptor<Object> command = ArgumentCaptor.forClass(Object.class);
        verify(commands).dispatch(command.capture());
        return command.getValue();
    }
}
