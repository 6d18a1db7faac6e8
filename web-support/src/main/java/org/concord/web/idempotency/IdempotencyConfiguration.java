package org.concord.web.idempotency;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.concord.web.identity.CallerIdentityConfiguration;
import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import java.time.Clock;

/**
 * Wires {@code Idempotency-Key} handling into a service (the command side, and the query side for its one POST).
 * The idempotency filter is ordered right after the caller identity filter, which it needs to scope keys.
 */
@Configuration(proxyBeanMethods = false)
@Import(CallerIdentityConfiguration.class)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyConfiguration {

    @Bean
    IdempotencyKeyStore idempotencyKeyStore(MongoDatabase concordDatabase) {
        return new IdempotencyKeyStore(concordDatabase);
    }

    @Bean
    IdempotencyWebFilter idempotencyWebFilter(IdempotencyKeyStore store, ProblemDetailsExceptionHandler problems,
                                              IdempotencyProperties properties, Environment environment,
                                              MeterRegistry meterRegistry) {
        return new IdempotencyWebFilter(store, problems, properties.abandonAfter(),
                (int) CallerIdentityConfiguration.maxRequestBody(environment).toBytes(), Clock.systemUTC(), meterRegistry);
    }

    @Bean
    IdempotencyKeyCleanup idempotencyKeyCleanup(IdempotencyKeyStore store, IdempotencyProperties properties) {
        return new IdempotencyKeyCleanup(store, properties, Clock.systemUTC());
    }
}
