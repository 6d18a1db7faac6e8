package org.concord.query.progress;

import org.axonframework.config.ConfigurerModule;
import org.concord.query.scaling.QueryInstances;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tuning of every pooled streaming processor of the projections. A segment that sees no event of its
 * own still stores its progress every {@code tokenStoreInterval}, so a read waiting for a position
 * ({@link ProjectionProgress}) is not held up by segments the event did not belong to. With several
 * query-side processes, each claims only its fair share of the segments ({@link QueryInstances}).
 */
@Configuration(proxyBeanMethods = false)
class ProjectionProcessingConfiguration {

    @Bean
    ConfigurerModule projectionProcessorTuning(ReadYourWritesProperties properties, QueryInstances instances) {
        long interval = properties.tokenStoreInterval().toMillis();
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration((configuration, builder) -> builder
                        .claimExtensionThreshold(interval)
                        .maxSegmentProvider(instances::fairShare)));
    }
}
