package org.concord.query.feed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.concord.query.access.ConsultationAccess;
import org.concord.web.identity.CallerIdentity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscriber's change feed: every event after its resume position that it may see, in stored order,
 * none twice, with heartbeats while nothing happens. It pulls a page at a time, only as fast as the
 * client takes them, so no subscriber holds more than a page in memory however far behind it is. A
 * subscriber that takes nothing at all, not even a heartbeat, for {@link FeedProperties#stuckAfter()}
 * is sent a final {@code disconnect} event saying why and where to resume, and its stream ends.
 * Between the events, the log's latest signed checkpoint when the stream opens and each newer one, as a
 * {@code checkpoint} event without an id, so that it does not move the position a client resumes from.
 * The streams open in this process are gauged as {@code concord.feeds.open} (tag {@code kind=sse}).
 */
@Component
class Feed {

    static final String DISCONNECT = "disconnect";
    static final String CHECKPOINT = "checkpoint";

    private final FeedTail tail;
    private final FeedCheckpoints checkpoints;
    private final ConsultationVisibility visibility;
    private final FeedProperties properties;
    private final JsonMapper jsonMapper;
    private final AtomicInteger open = new AtomicInteger();

    Feed(FeedTail tail, FeedCheckpoints checkpoints, ConsultationVisibility visibility, FeedProperties properties,
         JsonMapper jsonMapper, MeterRegistry meterRegistry) {
        this.tail = tail;
        this.checkpoints = checkpoints;
        this.visibility = visibility;
        this.properties = properties;
        this.jsonMapper = jsonMapper;
        Gauge.builder("concord.feeds.open", open, AtomicInteger::get)
                .description("Change feeds (server-sent events) open on this process")
                .tag("kind", "sse")
                .register(meterRegistry);
    }

    /** Which events a subscription wants: after a position, of one consultation or all (null), of some types or all (empty). */
    record Subscription(long after, String consultationId, Set<String> types, CallerIdentity caller) {

        /** Whether the event is one of those wanted, and one the caller may see. */
        boolean wants(FeedEvent event, ConsultationVisibility visibility) {
            return (consultationId == null || consultationId.equals(event.consultationId()))
                    && (types.isEmpty() || types.contains(event.type()))
                    && (ConsultationAccess.seesRestricted(caller) || !visibility.isRestricted(event.consultationId()));
        }

        /** The event as JSON, as this caller may see it (Chatham House authors masked). */
        String shown(FeedEvent event, JsonMapper jsonMapper) {
            return event.json(caller.participantId(), caller.hasAnyRole("DRAFTER"), jsonMapper);
        }
    }

    Flux<ServerSentEvent<String>> stream(Subscription subscription) {
        return Flux.defer(() -> {
            AtomicLong cursor = new AtomicLong(subscription.after());
            AtomicLong delivered = new AtomicLong(subscription.after());
            Flux<Long> wakeUps = Flux.merge(Flux.just(0L), tail.advances(), Flux.interval(properties.heartbeat()))
                    .onBackpressureLatest();
            // on each wake-up, pages follow one another, as the client takes them, until it has caught up
            Flux<ServerSentEvent<String>> events = wakeUps
                    .concatMap(wakeUp -> page(subscription, cursor).repeat().takeWhile(page -> !page.isEmpty()), 1)
                    .concatMapIterable(page -> page, 1);
            Flux<ServerSentEvent<String>> heartbeats = Flux.interval(properties.heartbeat(), properties.heartbeat())
                    .onBackpressureDrop()
                    .map(tick -> ServerSentEvent.<String>builder().comment("heartbeat").build());
            // a client that is slow to take them gets the newest checkpoint, not each one it missed
            Flux<ServerSentEvent<String>> signed = checkpoints.published().onBackpressureLatest()
                    .map(checkpoint -> ServerSentEvent.builder(json(checkpoint)).event(CHECKPOINT).build());
            return events.publish(shared -> Flux.merge(shared, heartbeats.takeUntilOther(shared.then()),
                            signed.takeUntilOther(shared.then())))
                    .doOnNext(event -> {
                        if (event.id() != null) {
                            delivered.set(Long.parseLong(event.id()));
                        }
                    })
                    .timeout(properties.stuckAfter(), Flux.defer(() -> Flux.just(disconnect(delivered.get()))));
        }).doOnSubscribe(subscribed -> open.incrementAndGet()).doFinally(signal -> open.decrementAndGet());
    }

    /**
     * The next page: at once, on the thread that asks, when the recent events in memory hold it (as they
     * do for subscribers at the head); else read from the event store, off the event loop.
     */
    private Mono<List<ServerSentEvent<String>>> page(Subscription subscription, AtomicLong cursor) {
        return Mono.defer(() -> {
            List<ServerSentEvent<String>> fromMemory = next(subscription, cursor, true);
            return fromMemory != null ? Mono.just(fromMemory)
                    : Mono.fromCallable(() -> next(subscription, cursor, false)).subscribeOn(Schedulers.boundedElastic());
        });
    }

    /**
     * The events after the cursor this subscriber may see, moving the cursor past every position read;
     * null when {@code memoryOnly} and the events are no longer in memory.
     */
    private List<ServerSentEvent<String>> next(Subscription subscription, AtomicLong cursor, boolean memoryOnly) {
        List<ServerSentEvent<String>> sent = new ArrayList<>();
        while (sent.isEmpty() && cursor.get() < tail.head()) {
            FeedTail.Page page = memoryOnly ? tail.recentAfter(cursor.get(), properties.pageSize()) : tail.after(cursor.get(), properties.pageSize());
            if (page == null) {
                return null;
            }
            for (FeedEvent event : page.events()) {
                if (subscription.wants(event, visibility)) {
                    sent.add(ServerSentEvent.builder(subscription.shown(event, jsonMapper))
                            .id(Long.toString(event.position())).event(event.type()).build());
                }
            }
            if (page.lastPosition() <= cursor.get()) {
                break;
            }
            cursor.set(page.lastPosition());
        }
        return sent;
    }

    private ServerSentEvent<String> disconnect(long lastEventId) {
        return ServerSentEvent.builder(json(Map.of("reason", "This subscriber took nothing for "
                        + properties.stuckAfter().toSeconds() + " s while the feed had something to send; reconnect with "
                        + "Last-Event-ID to resume.", "lastEventId", lastEventId)))
                .event(DISCONNECT).build();
    }

    private String json(Object value) {
        return jsonMapper.writeValueAsString(value);
    }
}
