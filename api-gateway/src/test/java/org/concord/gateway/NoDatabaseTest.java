package org.concord.gateway;

import com.mongodb.client.MongoClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway keeps nothing in a database: it creates no MongoDB client, so it connects to no MongoDB,
 * not even the driver's default {@code localhost:27017}, which on a machine with another Concord or
 * another MongoDB would be someone else's.
 */
@SpringBootTest(properties = {"concord.gateway.admin-token=no-database-test-admin-0123456789abcdef",
        "concord.internal.secret=no-database-test-internal-secret"})
class NoDatabaseTest {

    @Autowired
    ApplicationContext context;

    @Test
    void the_gateway_has_no_mongodb_client() {
        assertThat(context.getBeanNamesForType(MongoClient.class)).isEmpty();
    }
}
