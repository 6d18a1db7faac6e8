package org.concord.query.progress;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.concord.eventstore.SafeEventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * How far each projection is behind the event store, for operators: per processing group (tag
 * {@code processor}) {@code concord.processor.position}, {@code concord.processor.lag.events} and
 * {@code concord.processor.lag.seconds}. Sampled every {@value #SAMPLE_SECONDS} s from the token store
 * ({@link ProjectionProgress}, so every query-side process reports the same figures, whichever holds the
 * segments) and the event store; a scrape only reads the last sample.
 */
@Component
class ProjectionLagGauges implements DisposableBean {

    static final int SAMPLE_SECONDS = 2;
    private static final Logger log = LoggerFactory.getLogger(ProjectionLagGauges.class);
    /** Positions looked at past a projection's own for the oldest event it has not handled (tombstones hold none). */
    private static final int LOOK_AHEAD = 16;

    private final ProjectionProgress progress;
    private final SafeEventLog eventStore;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Lag> lags = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-lag");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionLagGauges(ProjectionProgress progress, SafeEventLog eventStore,
                        ReadYourWritesProperties properties, MeterRegistry meterRegistry) {
        this.progress = progress;
        this.eventStore = eventStore;
        for (String processor : properties.processors()) {
            lags.put(processor, Lag.NONE);
            gauge(meterRegistry, "concord.processor.position", processor, Lag::position,
                    "The position up to which every segment of the projection has handled the events");
            gauge(meterRegistry, "concord.processor.lag.events", processor, Lag::events,
                    "Events below the event store's safe position that the projection has not handled yet");
            gauge(meterRegistry, "concord.processor.lag.seconds", processor, Lag::seconds,
                    "Age of the oldest event the projection has not handled yet; 0 when it is caught up");
        }
        sampler.scheduleWithFixedDelay(this::sample, 0, SAMPLE_SECONDS, TimeUnit.SECONDS);
    }

    private void gauge(MeterRegistry meterRegistry, String name, String processor, ToDoubleFunction<Lag> value, String description) {
        Gauge.builder(name, lags, sampled -> value.applyAsDouble(sampled.get(processor)))
                .description(description)
                .tag("processor", processor)
                .register(meterRegistry);
    }

    private void sample() {
        try {
            long safePosition = eventStore.safePosition();
            Instant now = clock.instant();
            progress.positions().forEach((processor, position) -> lags.put(processor,
                    Lag.of(position, safePosition, position < safePosition ? oldestWaiting(position) : Optional.empty(), now)));
        } catch (RuntimeException e) {
            if (!sampler.isShutdown()) {
                log.warn("Could not sample the projections' lag; trying again", e);
            }
        }
    }

    private Optional<Instant> oldestWaiting(long position) {
        return eventStore.readSafeEvents(position, LOOK_AHEAD).events().stream().findFirst().map(EventMessage::getTimestamp);
    }

    /**
     * One projection's progress: the position it has handled, how many positions below the safe position
     * it has still to handle (never negative: a projection may have read past the safe position), and how
     * long the oldest of those events has waited.
     */
    record Lag(long position, long events, double seconds) {

        static final Lag NONE = new Lag(0, 0, 0);

        static Lag of(long position, long safePosition, Optional<Instant> oldestWaiting, Instant now) {
            long events = Math.max(0, safePosition - position);
            double seconds = events == 0 ? 0 : oldestWaiting
                    .map(at -> Math.max(0, Duration.between(at, now).toMillis() / 1000.0))
                    .orElse(0.0);
            return new Lag(position, events, seconds);
        }
    }

    @Override
    public void destroy() {
        sampler.shutdownNow();
    }
}
