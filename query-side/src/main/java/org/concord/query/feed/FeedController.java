package org.concord.query.feed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.problem.ProblemException;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The change feeds as server-sent events: {@code id:} is the global position, {@code event:} the type,
 * {@code data:} the entry as the timeline shows it. Resume with {@code Last-Event-ID} or {@code ?after=}
 * (the header wins when both are given); filter with {@code ?types=}. A participant holds at most
 * {@code concord.feed.max-open-per-caller} feeds open at once ({@link OpenFeeds}).
 */
@Tag(name = "Feeds")
@RestController
class FeedController {

    private final Feed feed;
    private final ConsultationVisibility visibility;
    private final OpenFeeds openFeeds;

    FeedController(Feed feed, ConsultationVisibility visibility, OpenFeeds openFeeds) {
        this.feed = feed;
        this.visibility = visibility;
        this.openFeeds = openFeeds;
    }

    @Operation(operationId = "feed", summary = "Every event the caller may see, as server-sent events, from a position on")
    @GetMapping(path = "/api/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> all(CallerIdentity caller,
                                      @Parameter(description = "resume after this global position, unless a Last-Event-ID header is sent, which takes precedence")
                                      @RequestParam(required = false) String after,
                                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                      @Parameter(description = "comma-separated event types, e.g. AmendmentProposed,CommentPosted")
                                      @RequestParam(required = false) String types) {
        Feed.Subscription subscription = new Feed.Subscription(resumeAfter(after, lastEventId), null, types(types), caller);
        return openFeeds.held(caller, opened(feed.stream(subscription)));
    }

    @Operation(operationId = "consultationFeed", summary = "Every event of one consultation the caller may see, as server-sent events")
    @GetMapping(path = "/api/consultations/{consultationId}/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> consultation(CallerIdentity caller, @PathVariable String consultationId,
                                               @RequestParam(required = false) String after,
                                               @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                               @RequestParam(required = false) String types) {
        Feed.Subscription subscription = new Feed.Subscription(resumeAfter(after, lastEventId), consultationId, types(types), caller);
        // from the event store, not the read models: a feed may be opened right after the consultation's creation
        return openFeeds.held(caller, Mono.fromCallable(() -> visibility.visibleTo(consultationId, caller))
                .subscribeOn(Schedulers.boundedElastic())
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("No consultation " + consultationId + " exists.")))
                .thenMany(opened(feed.stream(subscription))));
    }

    /**
     * The stream, after a first comment line: the answer's headers and that line go out at once, so that a
     * client (or the workspace relaying the feed to a browser) knows the feed is open without waiting for the
     * first event or heartbeat, and a client that goes away is noticed at once instead of at the next write.
     */
    private static Flux<ServerSentEvent<String>> opened(Flux<ServerSentEvent<String>> stream) {
        return stream.startWith(ServerSentEvent.<String>builder().comment("open").build());
    }

    /**
     * Where a subscriber resumes: after its {@code Last-Event-ID} when it sends one, else after {@code ?after=}.
     * A standard EventSource client reconnects with the URL it was opened with, {@code after} included, and
     * adds the last id it received: that id, not the URL's starting point, says what it already has.
     */
    private static long resumeAfter(String after, String lastEventId) {
        boolean reconnecting = lastEventId != null && !lastEventId.isBlank();
        String given = reconnecting ? lastEventId : after;
        String field = reconnecting ? "Last-Event-ID" : "after";
        if (given == null || given.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(given.trim());
            if (position < 0) {
                throw ProblemException.invalid(field, "must not be negative");
            }
            return position;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be a global event position, a whole number");
        }
    }

    private static Set<String> types(String types) {
        if (types == null || types.isBlank()) {
            return Set.of();
        }
        Set<String> wanted = Arrays.stream(types.split(",")).map(String::trim).filter(type -> !type.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> unknown = wanted.stream().filter(type -> !FeedTypes.ALL.contains(type)).collect(Collectors.toCollection(LinkedHashSet::new));
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("types", "unknown event types " + unknown + "; known: " + FeedTypes.ALL);
        }
        return wanted;
    }
}
