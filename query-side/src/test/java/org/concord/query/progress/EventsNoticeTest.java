package org.concord.query.progress;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class EventsNoticeTest {

    private final AtomicLong head = new AtomicLong(5);
    private final Deque<TrackedEventMessage<?>> stored = new ArrayDeque<>();

    @Test
    void a_stream_behind_the_head_calls_its_processor_back_until_it_has_handed_out_the_head() throws Exception {
        try (EventsNotice notice = new EventsNotice(source(), head::get, Duration.ofDays(1), Duration.ofDays(1))) {
            BlockingStream<TrackedEventMessage<?>> stream = notice.openStream(new GlobalSequenceTrackingToken(5));
            AtomicInteger calls = new AtomicInteger();

            assertThat(stream.setOnAvailableCallback(calls::incrementAndGet)).as("the processor is told it will be called back").isTrue();
            notice.notice();
            assertThat(calls).as("caught up: no call").hasValue(0);

            head.set(7);
            stored.add(event(6));
            stored.add(event(7));
            notice.notice();
            assertThat(calls).as("behind the head: called back").hasValue(1);

            stream.nextAvailable();
            notice.notice();
            assertThat(calls).as("still behind: called back again").hasValue(2);

            stream.nextAvailable();
            notice.notice();
            assertThat(calls).as("caught up again: no call").hasValue(2);

            stream.close();
            head.set(8);
            notice.notice();
            assertThat(calls).as("a closed stream is never called").hasValue(2);
        }
    }

    @Test
    void a_stream_behind_a_head_that_holds_no_event_is_called_back_only_for_a_while() throws Exception {
        try (EventsNotice notice = new EventsNotice(source(), head::get, Duration.ofDays(1), Duration.ofMillis(50))) {
            BlockingStream<TrackedEventMessage<?>> stream = notice.openStream(new GlobalSequenceTrackingToken(5));
            AtomicInteger calls = new AtomicInteger();
            stream.setOnAvailableCallback(calls::incrementAndGet);

            head.set(6);
            notice.notice();
            assertThat(calls).hasValue(1);
            await().pollDelay(Duration.ofMillis(60)).atMost(Duration.ofSeconds(1)).until(() -> true);
            notice.notice();
            assertThat(calls).as("the head has not moved for longer than the patience").hasValue(1);
        }
    }

    @Test
    void the_poller_calls_back_by_itself() {
        try (EventsNotice notice = new EventsNotice(source(), head::get, Duration.ofMillis(5), Duration.ofSeconds(5))) {
            BlockingStream<TrackedEventMessage<?>> stream = notice.openStream(new GlobalSequenceTrackingToken(5));
            AtomicInteger calls = new AtomicInteger();
            stream.setOnAvailableCallback(calls::incrementAndGet);
            head.set(6);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(calls.get()).isPositive());
        }
    }

    private static TrackedEventMessage<?> event(long position) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position),
                org.axonframework.eventhandling.GenericEventMessage.asEventMessage("event " + position));
    }

    private StreamableMessageSource<TrackedEventMessage<?>> source() {
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
                return new BlockingStream<>() {
                    @Override
                    public Optional<TrackedEventMessage<?>> peek() {
                        return Optional.ofNullable(stored.peek());
                    }

                    @Override
                    public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                        return !stored.isEmpty();
                    }

                    @Override
                    public TrackedEventMessage<?> nextAvailable() {
                        return stored.poll();
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }
}
