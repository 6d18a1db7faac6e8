package org.concord.query.feed;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.concord.web.identity.CallerIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhooks are configuration kept across upgrades (a rebuild leaves them alone): one registered, delivered to
 * and leased before the webhook was a typed record, as the earlier store wrote it, is read back whole and can
 * still be claimed and delivered to.
 */
class StoredWebhookShapeTest {

    private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant DELIVERED = Instant.parse("2026-03-02T09:05:00Z");

    private MongoClient client;
    private MongoDatabase database;
    private WebhookStore store;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        database = client.getDatabase(test.name());
        store = new WebhookStore(database, new WebhookProperties(List.of(), List.of("80", "443"), 20, Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofSeconds(10), 4, Duration.ofSeconds(30), 200));
        database.getCollection("webhooks").insertOne(new Document("_id", "w-1")
                .append("owner", new Document("participantId", "p-fr").append("organisation", "France").append("stakeholderType", "STATE")
                        .append("country", "FR").append("displayName", "France").append("roles", List.of("PARTICIPANT")))
                .append("url", "https://hooks.example.org/concord").append("secret", "a secret of sixteen").append("consultationId", null)
                .append("types", List.of("CommentPosted")).append("createdAt", Date.from(CREATED))
                .append("deliveredUpTo", 41L).append("failures", 0).append("nextAttemptAt", null).append("pausedBecause", null)
                .append("deliveries", List.of(new Document("position", 41L).append("type", "CommentPosted").append("attempt", 1)
                        .append("at", Date.from(DELIVERED)).append("status", 204).append("error", null).append("millis", 12L)
                        .append("outcome", "DELIVERED")))
                .append("lease", new Document("holder", "another-process").append("until", Date.from(DELIVERED))));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void a_webhook_stored_in_the_earlier_shape_is_read_whole() {
        assertThat(store.find("w-1")).contains(new Webhook("w-1",
                new CallerIdentity("p-fr", "France", "STATE", "FR", "France", Set.of("PARTICIPANT")),
                "https://hooks.example.org/concord", "a secret of sixteen", null, Set.of("CommentPosted"), CREATED, 41, 0, null, null));
        assertThat(store.deliveries("w-1")).containsExactly(
                new Webhook.Delivery(41, "CommentPosted", 1, DELIVERED, 204, null, 12, "DELIVERED"));
    }

    @Test
    void a_lease_stored_in_the_earlier_shape_expires_and_the_log_takes_the_next_delivery() {
        assertThat(store.claim("w-1", "this-process", DELIVERED.minusSeconds(1), DELIVERED.plusSeconds(30))).isFalse();
        assertThat(store.claim("w-1", "this-process", DELIVERED.plusSeconds(1), DELIVERED.plusSeconds(30))).isTrue();

        store.delivered("w-1", 42, new Webhook.Delivery(42, "CommentPosted", 1, DELIVERED.plusSeconds(2), 204, null, 9, "DELIVERED"));

        assertThat(store.deliveries("w-1")).extracting(Webhook.Delivery::position).containsExactly(41L, 42L);
        assertThat(store.find("w-1").orElseThrow().deliveredUpTo()).isEqualTo(42);
    }
}
