package org.concord.query.readmodel;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every event processor holds back the timeline and audit entries of a batch until its last event ({@link BatchedAppends}). */
@Configuration(proxyBeanMethods = false)
class BatchedAppendsConfiguration {

    @Bean
    ConfigurerModule batchedAppends() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultHandlerInterceptor((configuration, processor) -> new BatchedAppends()));
    }
}
