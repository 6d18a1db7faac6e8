package org.concord.command;

import org.concord.eventstore.EventStoreConfiguration;
import org.concord.web.identity.CallerIdentityConfiguration;
import org.concord.web.idempotency.IdempotencyConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The command side: Axon aggregates behind Concord's internal HTTP command API. */
@SpringBootApplication
@Import({EventStoreConfiguration.class, CallerIdentityConfiguration.class, IdempotencyConfiguration.class})
public class CommandSideApplication {

    public static void main(String[] args) {
        // Concord's deployments must not report to outside servers; Axon 4.12 would by default.
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
