package org.concord.command.deadline;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The aggregates' deadlines (a silence procedure's end) are kept in MongoDB by a {@link MongoDeadlineManager}, which Axon
 * uses for every {@code DeadlineManager} parameter and {@code @DeadlineHandler}. It fires deadlines once the
 * application has started, Axon included, and stops before it stops.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineProperties.class)
class DeadlineConfiguration {

    @Bean
    MongoDeadlineManager deadlineManager(MongoDatabase concordDatabase, org.axonframework.config.Configuration axon,
                                         @Qualifier("serializer") Serializer serializer,
                                         ObjectProvider<TransactionManager> transactionManager, DeadlineProperties properties) {
        return new MongoDeadlineManager(concordDatabase, new ConfigurationScopeAwareProvider(axon), serializer,
                transactionManager.getIfAvailable(() -> NoTransactionManager.INSTANCE), properties.pollEvery(), properties.lease(),
                Clock.systemUTC());
    }

    /** Starts firing deadlines last, when the aggregates they go to can be loaded, and stops first. */
    @Bean
    SmartLifecycle deadlinesFiring(MongoDeadlineManager deadlines) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                deadlines.start();
                running = true;
            }

            @Override
            public void stop() {
                deadlines.shutdown();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
