package org.concord.query;

import org.concord.eventstore.EventStoreConfiguration;
import org.concord.web.identity.CallerIdentityConfiguration;
import org.concord.web.idempotency.IdempotencyConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The query side: projects the event store into read models and serves them. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({EventStoreConfiguration.class, CallerIdentityConfiguration.class, IdempotencyConfiguration.class})
public class QuerySideApplication {

    public static void main(String[] args) {
        // Concord's deployments must not report to outside servers; Axon 4.12 would by default.
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
