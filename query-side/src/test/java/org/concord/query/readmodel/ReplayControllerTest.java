package org.concord.query.readmodel;

import org.concord.query.readmodel.ReadModelRebuild.RebuildStatus;
import org.concord.query.web.QueryCallers;
import org.concord.query.web.QueryWebSlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;

import static org.concord.query.web.Problems.expectForbidden;
import static org.concord.query.web.Problems.expectUnauthenticated;
import static org.concord.query.web.QueryCallers.ADMINISTRATOR;
import static org.concord.query.web.QueryCallers.DELEGATE;
import static org.concord.query.web.QueryCallers.SECRETARIAT;
import static org.concord.query.web.QueryCallers.as;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** Rebuilding the read models (docs/api.md, Operations): only an administrator starts one or follows it. */
@WebFluxTest(ReplayController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@TestPropertySource(properties = "concord.internal.secret=" + QueryCallers.SECRET)
class ReplayControllerTest {

    private static final Instant STARTED = Instant.parse("2026-04-01T02:00:00Z");

    @Autowired
    WebTestClient web;

    @MockitoBean
    ReadModelRebuild rebuild;

    @Test
    void an_administrator_starts_a_rebuild_and_is_told_how_far_it_has_to_go() {
        when(rebuild.start()).thenReturn(new RebuildStatus(RebuildStatus.State.RUNNING, 0, 1200, 3, STARTED, null, null));

        as(ADMINISTRATOR, web.post().uri("/api/admin/replay")).exchange()
                .expectStatus().isOk()
                .expectBody().json("""
                        {"state": "RUNNING", "processed": 0, "total": 1200, "generation": 3,
                         "startedAt": "2026-04-01T02:00:00Z", "finishedAt": null, "positionsPerSecond": null}""",
                        JsonCompareMode.STRICT);
    }

    @Test
    void an_administrator_follows_the_rebuild() {
        when(rebuild.status()).thenReturn(new RebuildStatus(RebuildStatus.State.RUNNING, 600, 1200, 3, STARTED, null, null));

        as(ADMINISTRATOR, web.get().uri("/api/admin/replay")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.processed").isEqualTo(600);
    }

    @Test
    void a_drafter_does_not_start_a_rebuild() {
        expectForbidden(as(SECRETARIAT, web.post().uri("/api/admin/replay")).exchange(), "ADMIN");
        verifyNoInteractions(rebuild);
    }

    @Test
    void a_participant_does_not_follow_a_rebuild() {
        expectForbidden(as(DELEGATE, web.get().uri("/api/admin/replay")).exchange(), "ADMIN");
        verifyNoInteractions(rebuild);
    }

    @Test
    void a_rebuild_without_a_token_is_unauthenticated() {
        expectUnauthenticated(web.post().uri("/api/admin/replay").exchange(), "Send a token: Authorization: Bearer <token>.");
        verifyNoInteractions(rebuild);
    }
}
