package org.concord.workspace.live;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.api.Caller;
import org.concord.workspace.api.GatewayApi;
import org.concord.workspace.layout.Formats;
import org.concord.workspace.session.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The relay of a consultation's change feed to its pages ({@code GET /consultations/{id}/live}): the API's
 * feed opened as the reader (their token and address go to the gateway, never to the page), each event
 * of the types a reader follows re-sent with the same {@code id:} (its global position) and, as
 * {@code data:}, the HTML of its update in the page's language.
 * <p>
 * Where it starts: after {@code Last-Event-ID} when the browser's EventSource resumes, else after
 * {@code ?after=} (the position the page reflects, {@code ConsultationNav#withLivePosition}), else after
 * the position the consultation's answer reflects now (the history's last entry from an API that does
 * not say it). When the API ends its stream, this one ends and the browser reconnects with the last id.
 * A refusal of the API (404, 429, 401) is answered with its status, which stops an EventSource; an
 * unavailable API is answered {@code retry: 2000}, as the API itself does, so that the browser retries.
 */
@Controller
class LiveController {

    private static final Logger log = LoggerFactory.getLogger(LiveController.class);
    private static final String DISCONNECT = "disconnect";
    /** How long the relay waits for the API's first word before it opens its own stream: a refusal comes at once. */
    private static final Duration OPENING = Duration.ofMillis(800);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final ParameterizedTypeReference<List<LiveApi.Amendment>> AMENDMENTS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<LiveApi.HistoryEntry>> HISTORY = new ParameterizedTypeReference<>() {
    };

    private final GatewayApi api;
    private final LiveFragments fragments;
    private final JsonMapper json;

    LiveController(GatewayApi api, LiveFragments fragments, JsonMapper json) {
        this.api = api;
        this.fragments = fragments;
        this.json = json;
    }

    @GetMapping(path = "/consultations/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<String>> live(@PathVariable String id, @RequestParam(name = "after", required = false) String after,
                                       @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                                       Caller caller, Formats formats) {
        Long resumeFrom = position(lastEventId);
        Long pageAt = position(after);
        AtomicBoolean opened = new AtomicBoolean();
        Flux<ServerSentEvent<String>> relayed = api.get(caller, uri -> uri.path("/api/consultations/{id}").build(id), LiveApi.Detail.class)
                .flatMap(detail -> start(caller, id, resumeFrom != null ? resumeFrom : pageAt != null ? pageAt : detail.position())
                        .map(start -> new Opening(new Places(detail.provisions() == null ? List.of() : detail.provisions()), start)))
                .flatMapMany(opening -> api.feed(caller, uri -> uri.path("/api/consultations/{id}/feed")
                                .queryParam("types", String.join(",", LiveSentences.TYPES))
                                .queryParam("after", opening.after())
                                .build(id), resumeFrom == null ? null : Long.toString(resumeFrom))
                        .takeWhile(event -> !DISCONNECT.equals(event.event()))
                        .concatMap(event -> relay(event, opening.places(), caller, id, formats), 1));
        return relayed
                .mergeWith(Mono.delay(OPENING).map(tick -> ServerSentEvent.<String>builder().comment("live").build()))
                .doOnNext(event -> opened.set(true))
                .onErrorResume(error -> opened.get(), error -> {
                    log.debug("The change feed of {} ended: {}", id, error.toString());
                    return Flux.just(retry("the change feed broke off. Reconnect to resume."));
                });
    }

    /** A refusal before the stream opened: its status, which stops the browser's EventSource; 503 asks it to retry. */
    @ExceptionHandler(ApiProblem.class)
    Mono<ResponseEntity<?>> refused(ApiProblem problem, ServerWebExchange exchange) {
        if (problem.status() >= 500) {
            return Mono.just(ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .body(Flux.just(retry("503 Concord did not answer. Reconnect to resume."))));
        }
        Mono<Void> first = problem.status() == 401 ? Sessions.signOut(exchange) : Mono.empty();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.valueOf(problem.status())).contentType(MediaType.TEXT_PLAIN);
        if (problem.retryAfterSeconds() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds().toString());
        }
        return first.then(Mono.just(answer.body(problem.status() + " " + problem.type() + "\n")));
    }

    /** Where the feed starts: {@code known}, else the consultation's last event in its history (an API that does not say its position). */
    private Mono<Long> start(Caller caller, String id, Long known) {
        if (known != null) {
            return Mono.just(known);
        }
        return api.get(caller, uri -> uri.path("/api/consultations/{id}/history").build(id), HISTORY)
                .map(entries -> entries.isEmpty() ? 0L : entries.get(entries.size() - 1).position());
    }

    private Mono<ServerSentEvent<String>> relay(ServerSentEvent<String> event, Places places, Caller caller, String id, Formats formats) {
        if (event.data() == null || event.id() == null) {
            // the API's heartbeat, passed on so that proxies keep the connection; its retry too, when unavailable
            return Mono.just(ServerSentEvent.<String>builder().retry(event.retry())
                    .comment(event.comment() == null ? "heartbeat" : event.comment()).build());
        }
        LiveApi.Entry entry = json.readValue(event.data(), LiveApi.Entry.class);
        Mono<Places> known = places.lacksAmendmentOf(entry)
                ? api.get(caller, uri -> uri.path("/api/consultations/{id}/amendments").build(id), AMENDMENTS)
                .doOnNext(places::amendments).thenReturn(places)
                : Mono.just(places);
        return known.mapNotNull(ready -> {
            ready.learn(entry);
            LiveItem item = LiveSentences.describe(entry, ready, id, formats);
            ServerSentEvent.Builder<String> relayed = ServerSentEvent.<String>builder().id(event.id());
            // an event the panel does not show still moves the browser's Last-Event-ID on
            return item == null ? relayed.build() : relayed.data(fragments.render(item, formats.locale())).build();
        });
    }

    private static ServerSentEvent<String> retry(String why) {
        return ServerSentEvent.<String>builder().retry(RETRY).comment(why).build();
    }

    /** A position as the API takes it (a whole number ≥ 0), or null for anything else. */
    static Long position(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long position = Long.parseLong(text.trim());
            return position >= 0 ? position : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private record Opening(Places places, long after) {
    }
}
