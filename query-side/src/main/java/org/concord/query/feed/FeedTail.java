package org.concord.query.feed;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.concord.eventstore.SafeEventLog;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationEvent;
import org.concord.query.event.EventDescription;
import org.concord.query.progress.StoredEventsHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The event store as the feeds read it: in stored order and never past the safe position, so an event
 * that becomes visible late is not skipped. One poller per query-side process reads the new events and
 * keeps the latest in memory, so that any number of subscribers at the head cost no extra reads; a
 * subscriber further behind reads the store itself. Only consultations' events are fed (participant
 * events carry credentials' hashes and are nobody's business).
 */
@Component
class FeedTail implements DisposableBean, StoredEventsHead {

    private static final Logger log = LoggerFactory.getLogger(FeedTail.class);

    private final SafeEventLog eventStore;
    private final ConsultationVisibility visibility;
    private final FeedProperties properties;
    private final NavigableMap<Long, FeedEvent> recent = new ConcurrentSkipListMap<>();
    private final Sinks.Many<Long> advanced = Sinks.many().multicast().directBestEffort();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "feed-tail");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Every event after this position, up to {@link #head}, is in {@link #recent}. Only the poller writes
     * it and {@link #head}; readers check it again after reading {@link #recent}, so a page is never read
     * from a part of memory the poller has just let go.
     */
    private volatile long recentFrom;
    private volatile long head;

    FeedTail(SafeEventLog eventStore, ConsultationVisibility visibility,
             FeedProperties properties) {
        this.eventStore = eventStore;
        this.visibility = visibility;
        this.properties = properties;
        this.head = eventStore.safePosition();
        this.recentFrom = head;
        long every = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    /** The position below which the feeds have read every event. */
    @Override
    public long head() {
        return head;
    }

    /** Signals each time the head moves. */
    Flux<Long> advances() {
        return advanced.asFlux();
    }

    /** One page of events after {@code position}; continue after {@link Page#lastPosition()}. */
    Page after(long position, int maxPositions) {
        Page recent = recentAfter(position, maxPositions);
        if (recent != null) {
            return recent;
        }
        SafeEventLog.SafeEvents stored = eventStore.readSafeEvents(position, maxPositions);
        return new Page(feedEvents(stored.events()), stored.lastPosition());
    }

    /** One page of events after {@code position} from memory, without touching the store; null when memory no longer holds them. */
    Page recentAfter(long position, int maxPositions) {
        long coveredUpTo = head;
        if (position < recentFrom) {
            return null;
        }
        List<FeedEvent> events = new ArrayList<>();
        for (FeedEvent event : recent.tailMap(position, false).values()) {
            if (event.position() > coveredUpTo) {
                break;
            }
            if (events.size() == maxPositions) {
                return new Page(events, events.get(events.size() - 1).position());
            }
            events.add(event);
        }
        return position >= recentFrom ? new Page(events, Math.max(position, coveredUpTo)) : null;
    }

    /** Events in position order, and the position they cover up to (later positions held no feed event). */
    record Page(List<FeedEvent> events, long lastPosition) {
    }

    private void poll() {
        try {
            boolean moved = false;
            while (true) {
                SafeEventLog.SafeEvents stored = eventStore.readSafeEvents(head, properties.pageSize());
                if (stored.lastPosition() <= head) {
                    break;
                }
                List<FeedEvent> events = feedEvents(stored.events());
                events.forEach(event -> recent.put(event.position(), event));
                head = stored.lastPosition();
                while (recent.size() > properties.recentEvents()) {
                    // announce before letting go, so that a reader who misses the event knows to read the store
                    long oldest = recent.firstKey();
                    recentFrom = oldest;
                    recent.remove(oldest);
                }
                moved = true;
            }
            if (moved) {
                advanced.tryEmitNext(head);
            }
        } catch (RuntimeException e) {
            if (!poller.isShutdown()) {
                log.warn("Could not read the event store for the feeds; trying again", e);
            }
        }
    }

    private List<FeedEvent> feedEvents(List<? extends TrackedEventMessage<?>> messages) {
        List<FeedEvent> events = new ArrayList<>(messages.size());
        for (TrackedEventMessage<?> message : messages) {
            if (!(message.getPayload() instanceof ConsultationEvent event)) {
                continue;
            }
            if (event instanceof ConsultationCreatedEvent created) {
                visibility.remember(created);
            }
            long position = message.trackingToken().position().orElseThrow();
            EventDescription described = EventDescription.of(event);
            events.add(new FeedEvent(position, described.type(), event.consultationId(),
                    described.entry(position, message.getTimestamp()), described.chathamHouse()));
        }
        return events;
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }
}
