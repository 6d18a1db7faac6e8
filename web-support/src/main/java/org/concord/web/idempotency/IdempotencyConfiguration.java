package org.concord.web.idempotency;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.concord.web.identity.CallerIdentityConfiguration;
import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import java.time.Clock;

/**
 * Wires {@code Idempotency-Key} handling into a service (the command side, and the query side for its one POST).
 * The idempotency filter is ordered right after the caller identity filter, which it needs to scope keys.
 */
@Configuration(proxyBeanMethods = false)
@Import(CallerIdentityConfiguration.class)
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyConfiguration {

    // Spring's own default when neither codec property is set.
    private static final DataSize DEFAULT_MAX_IN_MEMORY_SIZE = DataSize.ofKilobytes(256);

    @Bean
    IdempotencyKeyStore idempotencyKeyStore(MongoDatabase concordDatabase) {
        return new IdempotencyKeyStore(concordDatabase);
    }

    @Bean
    IdempotencyWebFilter idempotencyWebFilter(IdempotencyKeyStore store, ProblemDetailsExceptionHandler problems,
                                              IdempotencyProperties properties, Environment environment,
                                              MeterRegistry meterRegistry) {
        return new IdempotencyWebFilter(store, problems, properties.abandonAfter(),
                (int) maxInMemorySize(environment).toBytes(), Clock.systemUTC(), meterRegistry);
    }

    @Bean
    IdempotencyKeyCleanup idempotencyKeyCleanup(IdempotencyKeyStore store, IdempotencyProperties properties) {
        return new IdempotencyKeyCleanup(store, properties, Clock.systemUTC());
    }

    /** The request body limit the codecs enforce, so that a body read here is held to the same limit. */
    private static DataSize maxInMemorySize(Environment environment) {
        return Binder.get(environment).bind("spring.http.codecs.max-in-memory-size", DataSize.class).orElse(DEFAULT_MAX_IN_MEMORY_SIZE);
    }
}
