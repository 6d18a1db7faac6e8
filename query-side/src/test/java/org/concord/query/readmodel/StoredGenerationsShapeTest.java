package org.concord.query.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read models' generations outlive every version of Concord: a state stored before it was a typed record
 * (as the earlier code wrote it) still says which generation reads use and which one is waiting to be dropped.
 */
class StoredGenerationsShapeTest {

    private static final Instant SWITCHED = Instant.parse("2026-03-02T09:00:00Z");

    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        database = client.getDatabase(test.name());
        database.getCollection("readModelGenerations").insertOne(new Document("_id", "generations")
                .append("serving", 2).append("writing", 2).append("retired", 1).append("retiredAt", Date.from(SWITCHED)));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void a_state_stored_in_the_earlier_shape_serves_its_generation_and_drops_the_retired_one_in_time() {
        ReadModels readModels = new ReadModels(database);
        readModels.collection("comments").in(1).insertOne(new Document("_id", "k-1"));

        assertThat(readModels.servingGeneration()).isEqualTo(2);
        assertThat(readModels.rebuilding()).isFalse();
        assertThat(readModels.collection("comments").reading().getNamespace().getCollectionName()).isEqualTo("comments_g2");
        readModels.dropRetired(SWITCHED.plusSeconds(59), Duration.ofMinutes(1));
        assertThat(readModels.collection("comments").in(1).countDocuments()).isEqualTo(1);
        readModels.dropRetired(SWITCHED.plusSeconds(60), Duration.ofMinutes(1));
        assertThat(readModels.collection("comments").in(1).countDocuments()).isZero();
    }
}
