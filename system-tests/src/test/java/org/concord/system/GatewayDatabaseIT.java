package org.concord.system;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway keeps nothing in a database and connects to none: not even to the MongoDB that Spring
 * Boot's defaults would point a client at ({@code localhost:27017}, here a trap), which on a machine with
 * another Concord or another MongoDB would be someone else's.
 */
class GatewayDatabaseIT {

    @Test
    void the_gateway_opens_no_database_connection() {
        ConcordProcesses concord = ConcordProcesses.shared();
        new ConcordApi(concord).get(null, "/api/consultations").expectStatus().isOk();
        // a MongoDB client connects at once when created, and its monitor every few seconds after
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(concord.strayDatabaseConnections())
                        .as("connections from the gateway to a database").isZero());
    }
}
