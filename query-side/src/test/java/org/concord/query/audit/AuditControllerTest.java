package org.concord.query.audit;

import org.concord.query.event.TimelineEntries;
import org.concord.query.feed.ConsultationVisibility;
import org.concord.query.readmodel.EntryPage;
import org.concord.query.web.QueryCallers;
import org.concord.query.web.QueryWebSlice;
import org.concord.web.identity.CallerIdentity;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.concord.query.web.Problems.expectForbidden;
import static org.concord.query.web.Problems.expectInvalid;
import static org.concord.query.web.Problems.expectNotFound;
import static org.concord.query.web.Problems.expectUnauthenticated;
import static org.concord.query.web.QueryCallers.ADMINISTRATOR;
import static org.concord.query.web.QueryCallers.SECRETARIAT;
import static org.concord.query.web.QueryCallers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** An administrator reads a participant's audit trail (docs/api.md, Operations): answers, refusals and who may call. */
@WebFluxTest(AuditController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@TestPropertySource(properties = "concord.internal.secret=" + QueryCallers.SECRET)
class AuditControllerTest {

    @Autowired
    WebTestClient web;

    @MockitoBean
    AuditTrailProjection trails;

    @MockitoBean
    ConsultationVisibility visibility;

    @Test
    void an_administrator_reads_a_page_of_what_a_participant_did() {
        when(trails.trail(eq("p-de"), eq(new EntryPage(4, 1)), any())).thenReturn(List.of(new TimelineEntries.Entry(5,
                Instant.parse("2026-03-10T08:00:00Z"), "AmendmentProposed", new TimelineEntries.Actor("p-de", "Germany", null),
                "Germany proposed an amendment", Map.of())));

        audit(ADMINISTRATOR, "?participantId=p-de&after=4&limit=1")
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.participantId").isEqualTo("p-de")
                .jsonPath("$.entries.length()").isEqualTo(1)
                .jsonPath("$.entries[0].type").isEqualTo("AmendmentProposed");
    }

    @Test
    void the_trail_shows_the_content_of_the_consultations_the_caller_may_read_elsewhere() {
        when(trails.trail(eq("p-de"), eq(new EntryPage(0, 0)), any())).thenReturn(List.of());
        when(visibility.visibleTo("c-restricted", ADMINISTRATOR)).thenReturn(false);
        when(visibility.visibleTo("c-public", ADMINISTRATOR)).thenReturn(true);

        audit(ADMINISTRATOR, "?participantId=p-de");

        ArgumentCaptor<Predicate<String>> readsConsultation = ArgumentCaptor.captor();
        verify(trails).trail(eq("p-de"), eq(new EntryPage(0, 0)), readsConsultation.capture());
        assertThat(readsConsultation.getValue().test("c-restricted")).isFalse();
        assertThat(readsConsultation.getValue().test("c-public")).isTrue();
    }

    @Test
    void a_participant_who_appears_in_no_event_is_not_found() {
        when(trails.trail(eq("p-9"), eq(new EntryPage(0, 0)), any())).thenReturn(List.of());

        expectNotFound(audit(ADMINISTRATOR, "?participantId=p-9"), "No participant p-9 appears in the events.");
    }

    @Test
    void a_page_after_the_end_of_a_trail_is_empty_not_missing() {
        when(trails.trail(eq("p-de"), eq(new EntryPage(99, 0)), any())).thenReturn(List.of());

        audit(ADMINISTRATOR, "?participantId=p-de&after=99")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.entries.length()").isEqualTo(0);
    }

    @Test
    void a_blank_participant_is_refused_naming_it() {
        expectInvalid(as(ADMINISTRATOR, web.get().uri("/api/admin/audit?participantId={participantId}", " ")).exchange(),
                "participantId", "must not be blank");
        verifyNoInteractions(trails);
    }

    @Test
    void an_audit_without_a_participant_is_a_bad_request_naming_it() {
        expectInvalid(audit(ADMINISTRATOR, ""), "participantId", "is required");
        verifyNoInteractions(trails);
    }

    @Test
    void a_page_larger_than_the_limit_is_refused_naming_limit() {
        expectInvalid(audit(ADMINISTRATOR, "?participantId=p-de&limit=10001"), "limit", "must be between 1 and 10000");
        verifyNoInteractions(trails);
    }

    @Test
    void a_drafter_does_not_read_audit_trails() {
        expectForbidden(audit(SECRETARIAT, "?participantId=p-de"), "ADMIN");
        verifyNoInteractions(trails);
    }

    @Test
    void an_audit_without_a_token_is_unauthenticated() {
        expectUnauthenticated(web.get().uri("/api/admin/audit?participantId=p-de").exchange(),
                "Send a token: Authorization: Bearer <token>.");
        verifyNoInteractions(trails);
    }

    private WebTestClient.ResponseSpec audit(CallerIdentity caller, String query) {
        return as(caller, web.get().uri("/api/admin/audit" + query)).exchange();
    }
}
