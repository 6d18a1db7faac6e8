package org.concord.query.feed;

import org.concord.query.web.QueryCallers;
import org.concord.query.web.QueryWebSlice;
import org.concord.web.identity.CallerIdentity;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.query.web.Problems.expectForbidden;
import static org.concord.query.web.Problems.expectInvalid;
import static org.concord.query.web.Problems.expectNotFound;
import static org.concord.query.web.Problems.expectProblem;
import static org.concord.query.web.Problems.expectUnauthenticated;
import static org.concord.query.web.QueryCallers.ADMINISTRATOR;
import static org.concord.query.web.QueryCallers.DELEGATE;
import static org.concord.query.web.QueryCallers.PRESS;
import static org.concord.query.web.QueryCallers.as;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Registering, reading and removing webhooks (docs/api.md, Feeds): answers, refusals and whose webhooks a caller sees. */
@WebFluxTest(WebhookController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@Import({WebhookControllerTest.DefaultWebhookProperties.class, WebhookAddresses.class})
@TestPropertySource(properties = "concord.internal.secret=" + QueryCallers.SECRET)
class WebhookControllerTest {

    private static final String PUBLIC_URL = "https://9.9.9.9/concord-hook";
    private static final String SECRET = "sixteen-chars-or-more";
    private static final Webhook GERMANY_S = new Webhook("w-1", DELEGATE, PUBLIC_URL, SECRET, null, Set.of("AmendmentAccepted"),
            Instant.parse("2026-03-01T10:00:00Z"), 40, 0, null, null);

    /** The webhook settings as deployed: globally reachable addresses, ports 80 and 443, 20 webhooks per participant. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(WebhookProperties.class)
    static class DefaultWebhookProperties {
    }

    @Autowired
    WebTestClient web;

    @MockitoBean
    WebhookStore store;

    @MockitoBean
    FeedTail tail;

    @MockitoBean
    ConsultationVisibility visibility;

    @Test
    void a_participant_registers_a_webhook_whose_deliveries_start_at_the_head_of_the_events() {
        when(tail.head()).thenReturn(42L);

        var answer = register(DELEGATE, """
                {"url": " %s ", "secret": "%s", "types": ["AmendmentAccepted"]}""".formatted(PUBLIC_URL, SECRET))
                .expectStatus().isCreated()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody().jsonPath("$.position").isEqualTo(42)
                .returnResult();

        ArgumentCaptor<Webhook> added = ArgumentCaptor.forClass(Webhook.class);
        verify(store).add(added.capture());
        Webhook webhook = added.getValue();
        assertThat(webhook.owner()).isEqualTo(DELEGATE);
        assertThat(webhook.url()).isEqualTo(PUBLIC_URL);
        assertThat(webhook.types()).containsExactly("AmendmentAccepted");
        assertThat(webhook.deliveredUpTo()).isEqualTo(42);
        assertThat(answer.getResponseHeaders().getLocation()).hasToString("/api/webhooks/" + webhook.webhookId());
    }

    @Test
    void a_webhook_registered_after_a_position_delivers_the_events_after_it() {
        register(DELEGATE, """
                {"url": "%s", "secret": "%s", "after": 7}""".formatted(PUBLIC_URL, SECRET))
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.position").isEqualTo(7);
        verifyNoInteractions(tail);
    }

    @Test
    void a_webhook_without_a_url_and_with_a_short_secret_is_refused_naming_both() {
        expectProblem(register(DELEGATE, """
                {"url": " ", "secret": "short"}"""), HttpStatus.BAD_REQUEST, "validation", "The request is not valid.")
                .json("""
                        {"errors": [{"field": "url", "message": "must not be blank"},
                                    {"field": "secret", "message": "must be 16 to 200 characters"}]}""", JsonCompareMode.LENIENT);
        verifyNoInteractions(store);
    }

    @Test
    void a_webhook_to_another_port_or_a_loopback_address_is_refused_naming_the_url() {
        expectInvalid(register(DELEGATE, """
                        {"url": "http://127.0.0.1:9000/hook", "secret": "%s"}""".formatted(SECRET)), "url",
                "must use port [80, 443] (concord.webhooks.allowed-ports)");
        expectInvalid(register(DELEGATE, """
                        {"url": "http://127.0.0.1/hook", "secret": "%s"}""".formatted(SECRET)), "url",
                "must not point at an address that is not globally reachable: loopback, private, shared, link-local, reserved, "
                        + "documentation, benchmarking or one of IANA's other special-purpose blocks (concord.webhooks.allowed-networks)");
        verifyNoInteractions(store);
    }

    @Test
    void a_participant_with_20_webhooks_registers_no_21st() {
        when(store.countOwnedBy(DELEGATE.participantId())).thenReturn(20L);

        expectProblem(register(DELEGATE, """
                {"url": "%s", "secret": "%s"}""".formatted(PUBLIC_URL, SECRET)), HttpStatus.CONFLICT, "conflict",
                "You have 20 webhooks, as many as one participant may have; remove one before registering another.");
        verify(store, never()).add(org.mockito.ArgumentMatchers.any());
    }

    @Test
    void a_registration_that_a_simultaneous_one_took_past_the_cap_is_taken_back() {
        when(store.countOwnedBy(DELEGATE.participantId())).thenReturn(19L, 21L);

        expectProblem(register(DELEGATE, """
                {"url": "%s", "secret": "%s"}""".formatted(PUBLIC_URL, SECRET)), HttpStatus.CONFLICT, "conflict",
                "You have 20 webhooks, as many as one participant may have; remove one before registering another.");
        ArgumentCaptor<Webhook> added = ArgumentCaptor.forClass(Webhook.class);
        verify(store).add(added.capture());
        verify(store).remove(added.getValue().webhookId());
    }

    @Test
    void a_webhook_for_an_event_type_that_does_not_exist_is_refused_naming_the_types_that_do() {
        expectInvalid(register(DELEGATE, """
                        {"url": "%s", "secret": "%s", "types": ["AmendmentAccepted", "AmendmentMerged"]}""".formatted(PUBLIC_URL, SECRET)),
                "types", "unknown event type AmendmentMerged; known: " + FeedTypes.ALL);
        verifyNoInteractions(store);
    }

    @Test
    void a_webhook_after_a_negative_position_is_refused_naming_after() {
        expectInvalid(register(DELEGATE, """
                {"url": "%s", "secret": "%s", "after": -1}""".formatted(PUBLIC_URL, SECRET)), "after", "must not be negative");
        verifyNoInteractions(store);
    }

    @Test
    void a_webhook_on_a_consultation_the_caller_may_not_see_is_not_found() {
        when(visibility.visibleTo("c-1", PRESS)).thenReturn(false);

        expectNotFound(register(PRESS, """
                {"url": "%s", "secret": "%s", "consultationId": "c-1"}""".formatted(PUBLIC_URL, SECRET)), "No consultation c-1 exists.");
        verifyNoInteractions(store);
    }

    @Test
    void a_registration_that_is_not_json_is_malformed() {
        expectProblem(register(DELEGATE, "{\"url\": "), HttpStatus.BAD_REQUEST, "malformed-body",
                "The request body is not well-formed JSON.");
        verifyNoInteractions(store);
    }

    @Test
    void a_registration_without_a_token_is_unauthenticated() {
        expectUnauthenticated(web.post().uri("/api/webhooks").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"url": "%s", "secret": "%s"}""".formatted(PUBLIC_URL, SECRET)).exchange(), "Send a token: Authorization: Bearer <token>.");
        verifyNoInteractions(store);
    }

    @Test
    void a_caller_without_a_role_does_not_list_webhooks() {
        CallerIdentity roleless = new CallerIdentity("p-x", "Nobody", "NGO", null, "No roles", Set.of());

        expectForbidden(as(roleless, web.get().uri("/api/webhooks")).exchange(), "PARTICIPANT, DRAFTER, OBSERVER, ADMIN");
        verifyNoInteractions(store);
    }

    @Test
    void the_owner_reads_their_webhook_without_its_secret() {
        when(store.find("w-1")).thenReturn(Optional.of(GERMANY_S));

        as(DELEGATE, web.get().uri("/api/webhooks/w-1")).exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"webhookId": "w-1", "url": "%s", "consultationId": null, "types": ["AmendmentAccepted"],
                         "createdAt": "2026-03-01T10:00:00Z", "deliveredUpTo": 40, "failures": 0, "nextAttemptAt": null,
                         "pausedBecause": null}""".formatted(PUBLIC_URL), JsonCompareMode.STRICT);
    }

    @Test
    void somebody_else_s_webhook_is_not_found() {
        when(store.find("w-1")).thenReturn(Optional.of(GERMANY_S));

        expectNotFound(as(PRESS, web.get().uri("/api/webhooks/w-1")).exchange(), "No webhook w-1 of yours exists.");
    }

    @Test
    void an_administrator_reads_anybody_s_webhook() {
        when(store.find("w-1")).thenReturn(Optional.of(GERMANY_S));

        as(ADMINISTRATOR, web.get().uri("/api/webhooks/w-1")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.webhookId").isEqualTo("w-1");
    }

    @Test
    void the_owner_removes_their_webhook() {
        when(store.find("w-1")).thenReturn(Optional.of(GERMANY_S));

        as(DELEGATE, web.delete().uri("/api/webhooks/w-1")).exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"webhookId": "w-1", "state": "REMOVED"}""", JsonCompareMode.STRICT);
        verify(store).remove("w-1");
    }

    @Test
    void somebody_else_s_webhook_is_not_removed() {
        when(store.find("w-1")).thenReturn(Optional.of(GERMANY_S));

        expectNotFound(as(PRESS, web.delete().uri("/api/webhooks/w-1")).exchange(), "No webhook w-1 of yours exists.");
        verify(store, never()).remove("w-1");
    }

    private WebTestClient.ResponseSpec register(CallerIdentity caller, String json) {
        return as(caller, web.post().uri("/api/webhooks")).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }
}
