package org.concord.query.feed;

import org.concord.messages.consultation.Visibility;
import org.concord.messages.history.FindVersionsQuery;
import org.concord.query.access.ConsultationAccess;
import org.concord.query.history.query.HistoryViews.Cause;
import org.concord.query.history.query.HistoryViews.VersionSummary;
import org.concord.query.shared.QueryRunner;
import org.concord.query.web.QueryCallers;
import org.concord.query.web.QueryWebSlice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.concord.query.web.Amendments.GERMANY;
import static org.concord.query.web.Problems.expectNotFound;
import static org.concord.query.web.ReadModelAnswers.CREATED;
import static org.concord.query.web.ReadModelAnswers.PROPOSER;
import static org.concord.query.web.ReadModelAnswers.answer;
import static org.concord.query.web.ReadModelAnswers.answerNothingElse;
import static org.concord.query.web.ReadModelAnswers.consultation;
import static org.concord.query.web.ReadModelAnswers.knownConsultation;
import static org.concord.query.web.ReadModelAnswers.unknownConsultation;
import static org.mockito.Mockito.when;

/** The Atom feed of a consultation's versions (docs/api.md, Feeds): the feed, and its 404 as problem+json. */
@WebFluxTest(AtomFeedController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@Import({ConsultationAccess.class, AtomFeedControllerTest.PublicAddress.class})
@TestPropertySource(properties = {"concord.internal.secret=" + QueryCallers.SECRET,
        "concord.feed.public-base-url=https://concord.example.org/"})
class AtomFeedControllerTest {

    private static final MediaType ATOM = MediaType.parseMediaType(AtomFeedController.ATOM);
    private static final Map<String, String> NAMESPACES = Map.of("atom", "http://www.w3.org/2005/Atom",
            "log", AtomFeedController.LOG_NAMESPACE);

    /** The feed settings, with the gateway's address as clients know it. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FeedProperties.class)
    static class PublicAddress {
    }

    @Autowired
    WebTestClient web;

    @MockitoBean
    QueryRunner queries;

    @MockitoBean
    FeedCheckpoints checkpoints;

    @BeforeEach
    void onlyTheQueriesATestExpectsAreAnswered() {
        answerNothingElse(queries);
    }

    @Test
    void a_feed_reader_gets_the_versions_newest_first_linked_at_the_public_address() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindVersionsQuery("c-1"), List.of(
                new VersionSummary(1, CREATED, new Cause("CREATION", null, PROPOSER, null, null)),
                new VersionSummary(2, Instant.parse("2026-03-20T15:00:00Z"), new Cause("AMENDMENT", "a-1", GERMANY,
                        PROPOSER, "Agreed in plenary"))));

        web.get().uri("/api/consultations/c-1/feed.atom").accept(ATOM).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(ATOM)
                .expectBody()
                .xpath("/atom:feed/atom:title", NAMESPACES).isEqualTo("Ocean plastics")
                .xpath("/atom:feed/atom:link[@rel='self']/@href", NAMESPACES)
                .isEqualTo("https://concord.example.org/api/consultations/c-1/feed.atom")
                .xpath("/atom:feed/atom:entry", NAMESPACES).nodeCount(2)
                .xpath("/atom:feed/atom:entry[1]/atom:title", NAMESPACES).isEqualTo("Version 2: amendment accepted")
                .xpath("/atom:feed/atom:entry[1]/atom:summary", NAMESPACES)
                .isEqualTo("Version 2, amendment accepted, proposed by Germany. Reason: Agreed in plenary");
    }

    @Test
    void a_version_made_by_a_resolution_or_a_compromise_is_named_for_it() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindVersionsQuery("c-1"), List.of(
                new VersionSummary(2, CREATED, new Cause("BRACKET", null, PROPOSER, PROPOSER, "Consensus", "b-1", null)),
                new VersionSummary(3, CREATED.plusSeconds(60), new Cause("COMPROMISE", null, PROPOSER, PROPOSER, null, null, "k-1"))));

        web.get().uri("/api/consultations/c-1/feed.atom").accept(ATOM).exchange()
                .expectStatus().isOk()
                .expectBody()
                .xpath("/atom:feed/atom:entry[1]/atom:title", NAMESPACES).isEqualTo("Version 3: compromise k-1 accepted")
                .xpath("/atom:feed/atom:entry[2]/atom:summary", NAMESPACES).isEqualTo("Version 2, bracket b-1 resolved. Reason: Consensus");
    }

    @Test
    void the_feed_shows_the_logs_latest_signed_checkpoint_and_where_its_key_is() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindVersionsQuery("c-1"), List.of(new VersionSummary(1, CREATED, new Cause("CREATION", null, PROPOSER, null, null))));
        when(checkpoints.latest()).thenReturn(new FeedCheckpoints.Checkpoint(42, "ab12".repeat(16), "2026-12-06T02:15:43.120Z", "c2lnbmVk"));

        web.get().uri("/api/consultations/c-1/feed.atom").accept(ATOM).exchange()
                .expectStatus().isOk()
                .expectBody()
                .xpath("/atom:feed/log:checkpoint/log:treeSize", NAMESPACES).isEqualTo("42")
                .xpath("/atom:feed/log:checkpoint/log:rootHash", NAMESPACES).isEqualTo("ab12".repeat(16))
                .xpath("/atom:feed/log:checkpoint/log:timestamp", NAMESPACES).isEqualTo("2026-12-06T02:15:43.120Z")
                .xpath("/atom:feed/log:checkpoint/log:signature", NAMESPACES).isEqualTo("c2lnbmVk")
                .xpath("/atom:feed/log:checkpoint/log:key/@href", NAMESPACES).isEqualTo("https://concord.example.org/api/log/key")
                .xpath("/atom:feed/atom:entry", NAMESPACES).nodeCount(1);
    }

    @Test
    void before_the_log_signs_its_first_checkpoint_the_feed_has_none() {
        knownConsultation(queries, consultation("c-1", Visibility.PUBLIC));
        answer(queries, new FindVersionsQuery("c-1"), List.of(new VersionSummary(1, CREATED, new Cause("CREATION", null, PROPOSER, null, null))));

        web.get().uri("/api/consultations/c-1/feed.atom").accept(ATOM).exchange()
                .expectStatus().isOk()
                .expectBody()
                .xpath("/atom:feed/log:checkpoint", NAMESPACES).doesNotExist()
                .xpath("/atom:feed/atom:entry", NAMESPACES).nodeCount(1);
    }

    @Test
    void the_feed_of_an_unknown_consultation_is_a_problem_not_a_feed() {
        unknownConsultation(queries, "c-9");

        expectNotFound(web.get().uri("/api/consultations/c-9/feed.atom").accept(ATOM).exchange(), "No consultation c-9 exists.");
    }

    @Test
    void the_feed_of_a_restricted_consultation_does_not_exist_for_an_anonymous_reader() {
        knownConsultation(queries, consultation("c-1", Visibility.RESTRICTED));

        expectNotFound(web.get().uri("/api/consultations/c-1/feed.atom").accept(ATOM).exchange(), "No consultation c-1 exists.");
    }
}
