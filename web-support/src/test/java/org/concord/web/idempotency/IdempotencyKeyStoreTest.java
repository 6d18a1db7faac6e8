package org.concord.web.idempotency;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(MongoDbExtension.class)
class IdempotencyKeyStoreTest {

    /**
     * The embedded server serves a filter from an index only when the filter names exactly the index's
     * fields; otherwise it reads every stored key, which made each write's answer cost more as the day went on.
     */
    @Test
    void theConditionOnAHeldKeyNamesExactlyTheFieldsOfAnIndex(TestMongoDatabase testDatabase) {
        try (MongoClient client = MongoClients.create(testDatabase.uri())) {
            MongoDatabase database = client.getDatabase(testDatabase.name());
            IdempotencyKeyStore store = new IdempotencyKeyStore(database);
            assertThat(store.claim("key", "hash", "claim", Instant.now())).isTrue();

            Set<String> conditionFields = IdempotencyKeyStore.held("key", "claim").toBsonDocument().keySet();
            List<Set<String>> indexedFields = new ArrayList<>();
            for (Document index : database.getCollection(IdempotencyKeyStore.COLLECTION).listIndexes()) {
                indexedFields.add(index.get("key", Document.class).keySet());
            }
            assertThat(indexedFields).contains(conditionFields);
        }
    }

    @Test
    void aKeyIsCompletedOnlyByTheClaimHoldingIt(TestMongoDatabase testDatabase) {
        try (MongoClient client = MongoClients.create(testDatabase.uri())) {
            IdempotencyKeyStore store = new IdempotencyKeyStore(client.getDatabase(testDatabase.name()));
            Instant now = Instant.now();
            StoredResponse answer = new StoredResponse(201, "/things/1", "application/json", new byte[]{'{', '}'});
            assertThat(store.claim("key", "hash", "first", now)).isTrue();
            assertThat(store.claim("key", "hash", "second", now)).isFalse();

            assertThat(store.complete("key", "second", answer, now)).isFalse();
            assertThat(store.complete("key", "first", answer, now)).isTrue();
            assertThat(store.complete("key", "first", answer, now)).as("no longer in progress").isFalse();
            assertThat(store.find("key")).hasValueSatisfying(key -> assertThat(key.response().status()).isEqualTo(201));
        }
    }
}
