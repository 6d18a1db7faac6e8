package org.concord.query.progress;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The projections' source of events: Axon's event store, with streams that tell their processor when new events
 * are stored. Axon's pooled streaming processor looks for new events every 500 ms when its stream cannot call it
 * back, and the streams of Axon's {@code EmbeddedEventStore} cannot; so a read waiting for its own write
 * ({@code minPosition}) waited up to half a second for nothing. Here every {@code interval} the store's head as
 * the query side last saw it ({@code head}, read from memory) is compared with what each stream has handed out,
 * and while the stream is behind, its processor is called back; it then reads the new events at once. A stream
 * behind only because the last positions hold no event (a given-up gap) is called back for one
 * {@code patience} after the head last moved, then left to Axon's own 500 ms.
 */
public final class EventsNotice implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventsNotice.class);

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final LongSupplier head;
    private final Duration patience;
    private final Set<NoticedStream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "events-notice");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long lastHead = -1;
    private volatile Instant headMovedAt = Instant.now();

    public EventsNotice(StreamableMessageSource<TrackedEventMessage<?>> events, LongSupplier head, Duration interval, Duration patience) {
        this.events = events;
        this.head = head;
        this.patience = patience;
        poller.scheduleWithFixedDelay(this::notice, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        long from = trackingToken == null ? -1 : trackingToken.position().orElse(-1);
        return new NoticedStream(events.openStream(trackingToken), from);
    }

    @Override
    public TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return events.createTokenSince(duration);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    /** Calls back every stream behind the head, while the head moved within {@code patience}. */
    void notice() {
        try {
            long now = head.getAsLong();
            if (now != lastHead) {
                lastHead = now;
                headMovedAt = Instant.now();
            }
            if (Instant.now().isAfter(headMovedAt.plus(patience))) {
                return;
            }
            for (NoticedStream stream : open) {
                if (stream.handedOut < now) {
                    stream.callBack();
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not tell the projections of new events; they look for them every 500 ms meanwhile", e);
        }
    }

    /** Axon's stream, handing out the same events, which also says it can call its processor back. */
    private final class NoticedStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private volatile long handedOut;
        private volatile Runnable callback;

        private NoticedStream(BlockingStream<TrackedEventMessage<?>> stream, long from) {
            this.stream = stream;
            this.handedOut = from;
        }

        private void callBack() {
            Runnable waiting = callback;
            if (waiting != null) {
                waiting.run();
            }
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            open.add(this);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> next = stream.nextAvailable();
            next.trackingToken().position().ifPresent(position -> handedOut = Math.max(handedOut, position));
            return next;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            open.remove(this);
            stream.close();
        }
    }
}
