package org.concord.query.feed;

import org.concord.query.web.QueryCallers;
import org.concord.query.web.QueryWebSlice;
import org.concord.web.identity.CallerIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.query.web.Problems.expectInvalid;
import static org.concord.query.web.Problems.expectNotFound;
import static org.concord.query.web.QueryCallers.DELEGATE;
import static org.concord.query.web.QueryCallers.PRESS;
import static org.concord.query.web.QueryCallers.SECRETARIAT;
import static org.concord.query.web.QueryCallers.as;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/**
 * The change feeds as server-sent events (docs/api.md, Feeds): where they resume, the refusals before they open,
 * and the cap on the feeds a participant holds open.
 */
@WebFluxTest(FeedController.class)
@ContextConfiguration(classes = QueryWebSlice.class)
@Import({OpenFeeds.class, FeedControllerTest.FeedSettings.class})
@TestPropertySource(properties = {"concord.internal.secret=" + QueryCallers.SECRET, "concord.feed.max-open-per-caller=2"})
class FeedControllerTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FeedProperties.class)
    static class FeedSettings {
    }

    private static final ServerSentEvent<String> ACCEPTED = ServerSentEvent.builder("{\"amendmentId\":\"a-1\"}")
            .id("8").event("AmendmentAccepted").build();

    @Autowired
    WebTestClient web;

    @MockitoBean
    Feed feed;

    @MockitoBean
    ConsultationVisibility visibility;

    @Test
    void a_reconnecting_client_resumes_after_its_last_event_id_rather_than_the_url_s_starting_point() {
        when(feed.stream(new Feed.Subscription(7, null, Set.of("AmendmentAccepted"), CallerIdentity.ANONYMOUS)))
                .thenReturn(Flux.just(ACCEPTED));

        feedOf("/api/feed?after=2&types=AmendmentAccepted").header("Last-Event-ID", "7").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                .expectBody(String.class).isEqualTo("""
                        :open

                        id:8
                        event:AmendmentAccepted
                        data:{"amendmentId":"a-1"}

                        """);
    }

    @Test
    void a_starting_point_that_is_not_a_position_is_refused_naming_after() {
        expectInvalid(feedOf("/api/feed?after=latest").exchange(), "after", "must be a global event position, a whole number");
        verifyNoInteractions(feed);
    }

    @Test
    void a_negative_last_event_id_is_refused_naming_it() {
        expectInvalid(feedOf("/api/feed").header("Last-Event-ID", "-3").exchange(), "Last-Event-ID", "must not be negative");
        verifyNoInteractions(feed);
    }

    @Test
    void an_event_type_that_does_not_exist_is_refused_naming_the_types_that_do() {
        expectInvalid(feedOf("/api/feed?types=CommentPosted,AmendmentMerged").exchange(), "types",
                "unknown event types [AmendmentMerged]; known: " + FeedTypes.ALL);
        verifyNoInteractions(feed);
    }

    @Test
    void a_participant_follows_a_restricted_consultation_s_feed() {
        when(visibility.visibleTo("c-1", DELEGATE)).thenReturn(true);
        when(feed.stream(new Feed.Subscription(0, "c-1", Set.of(), DELEGATE))).thenReturn(Flux.just(ACCEPTED));

        as(DELEGATE, feedOf("/api/consultations/c-1/feed")).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("id:8\nevent:AmendmentAccepted"));
    }

    @Test
    void the_feed_of_a_consultation_the_caller_may_not_see_is_not_found() {
        when(visibility.visibleTo("c-1", PRESS)).thenReturn(false);
        when(feed.stream(new Feed.Subscription(0, "c-1", Set.of(), PRESS)))
                .thenReturn(Flux.error(new AssertionError("a feed the caller may not see was opened")));

        expectNotFound(as(PRESS, feedOf("/api/consultations/c-1/feed")).exchange(), "No consultation c-1 exists.");
    }

    @Test
    void a_participant_holds_at_most_its_cap_of_feeds_open_whatever_their_paths_and_closing_one_frees_its_place() {
        Sinks.Empty<Void> firstClosed = Sinks.empty();
        Sinks.Empty<Void> othersClosed = Sinks.empty();
        Flux<ServerSentEvent<String>> open = Flux.<ServerSentEvent<String>>never().takeUntilOther(othersClosed.asMono());
        when(feed.stream(new Feed.Subscription(0, null, Set.of(), SECRETARIAT)))
                .thenReturn(Flux.<ServerSentEvent<String>>never().takeUntilOther(firstClosed.asMono()), open);
        as(SECRETARIAT, feedOf("/api/feed")).exchange().expectStatus().isOk().returnResult(String.class);
        as(SECRETARIAT, feedOf("/api/feed;x=1")).exchange().expectStatus().isOk().returnResult(String.class);

        as(SECRETARIAT, feedOf("/api/feed")).exchange().expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectBody().jsonPath("$.type").value(type -> assertThat(type.toString()).endsWith("too-many-feeds"));
        when(feed.stream(new Feed.Subscription(0, null, Set.of(), PRESS))).thenReturn(Flux.just(ACCEPTED));
        as(PRESS, feedOf("/api/feed")).exchange().expectStatus().isOk();

        firstClosed.tryEmitEmpty();
        as(SECRETARIAT, feedOf("/api/feed")).exchange().expectStatus().isOk().returnResult(String.class);
        othersClosed.tryEmitEmpty();
    }

    private WebTestClient.RequestHeadersSpec<?> feedOf(String uri) {
        return web.get().uri(uri).accept(MediaType.TEXT_EVENT_STREAM);
    }
}
