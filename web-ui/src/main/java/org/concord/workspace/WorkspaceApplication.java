package org.concord.workspace;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The web workspace: server-rendered pages, in English and French, over the gateway's public API. It holds
 * no Concord data and no internal secret: every page shows what the API answers the person signed in (or
 * an anonymous caller), and its only database is the one that keeps the web sessions.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkspaceApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkspaceApplication.class, args);
    }
}
