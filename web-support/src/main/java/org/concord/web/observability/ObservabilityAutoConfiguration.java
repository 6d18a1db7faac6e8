package org.concord.web.observability;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** The access log of every Concord web service ({@link AccessLog}); the settings are {@link ObservabilityEnvironment}'s. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class ObservabilityAutoConfiguration {

    @Bean
    AccessLog accessLog() {
        return new AccessLog();
    }
}
