package org.concord.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Concord's only public entry: authenticates callers and routes commands and queries. It keeps nothing in
 * a database: the MongoDB driver comes on its class path with web-support (the services' idempotency
 * store), but not Spring Boot's MongoDB auto-configuration, so it connects nowhere (GatewayDatabaseIT).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        application.addListeners(new EventLoops());
        application.run(args);
    }
}
