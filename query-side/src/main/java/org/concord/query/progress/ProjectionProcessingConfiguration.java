package org.concord.query.progress;

import org.axonframework.config.ConfigurerModule;
import org.concord.query.scaling.QueryInstances;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tuning of every pooled streaming processor of the projections. A segment that sees no event of its
 * own still stores its progress every {@code tokenStoreInterval}, so a read waiting for a position
 * ({@link ProjectionProgress}) is not held up by segments the event did not belong to. With several
 * query-side processes, each claims only its fair share of the segments ({@link QueryInstances}). Every
 * processor reads the event store through {@link EventsNotice}, which tells it at once of new events.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionProcessingConfiguration {

    /** After the head last moved, how long a stream still behind it is called back (see {@link EventsNotice}). */
    private static final Duration NOTICE_PATIENCE = Duration.ofSeconds(2);

    @Bean
    ConfigurerModule projectionProcessorTuning(ReadYourWritesProperties properties, QueryInstances instances,
                                               ObjectProvider<StoredEventsHead> head) {
        long interval = properties.tokenStoreInterval().toMillis();
        AtomicReference<EventsNotice> notice = new AtomicReference<>();
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration((configuration, builder) -> builder
                        .messageSource(notice.updateAndGet(made -> made != null ? made : notice(configuration, head, properties)))
                        .claimExtensionThreshold(interval)
                        .maxSegmentProvider(instances::fairShare)));
    }

    private static EventsNotice notice(org.axonframework.config.Configuration configuration, ObjectProvider<StoredEventsHead> head, ReadYourWritesProperties properties) {
        EventsNotice notice = new EventsNotice(configuration.eventStore(), () -> head.getObject().head(),
                properties.pollInterval(), NOTICE_PATIENCE);
        configuration.onShutdown(notice::close);
        return notice;
    }
}
