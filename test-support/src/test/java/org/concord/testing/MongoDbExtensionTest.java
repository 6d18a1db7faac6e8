package org.concord.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(MongoDbExtension.class)
class MongoDbExtensionTest {

    @Test
    void each_injected_database_is_reachable_and_separate(TestMongoDatabase first, TestMongoDatabase second) {
        assertThat(first.name()).isNotEqualTo(second.name());
        try (MongoClient client = MongoClients.create(first.uri())) {
            client.getDatabase(first.name()).getCollection("probe").insertOne(new Document("value", 1));
            assertThat(client.getDatabase(first.name()).getCollection("probe").countDocuments()).isEqualTo(1);
            assertThat(client.getDatabase(second.name()).getCollection("probe").countDocuments()).isZero();
        }
    }

    @Test
    void the_uri_names_the_database_before_any_options() {
        assertThat(new TestMongoDatabase("mongodb://h:1", "db").uri()).isEqualTo("mongodb://h:1/db");
        assertThat(new TestMongoDatabase("mongodb://h:1/?directConnection=true", "db").uri())
                .isEqualTo("mongodb://h:1/db?directConnection=true");
    }
}
