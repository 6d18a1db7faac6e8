package org.concord.query.progress;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.concord.eventstore.StoredTokens;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads waiting for a position share one poll of the token store, and each is answered when covered or out of time. */
@ExtendWith(MongoDbExtension.class)
class ProjectionProgressTest {

    private static final String PROCESSOR = "comments";
    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final AtomicInteger tokenReads = new AtomicInteger();
    private MongoClient client;
    private MongoTokenStore tokenStore;
    private MongoTemplate template;
    private ProjectionProgress progress;

    @BeforeEach
    void aProjectionAtPosition5(TestMongoDatabase database) {
        client = MongoClients.create(database.uri());
        template = DefaultMongoTemplate.builder().mongoDatabase(client, database.name()).build();
        tokenStore = MongoTokenStore.builder().mongoTemplate(template).serializer(serializer).nodeId("test").build();
        tokenStore.initializeTokenSegments(PROCESSOR, 1);
        tokenStore.storeToken(new GlobalSequenceTrackingToken(5), PROCESSOR, 0);
        progress = new ProjectionProgress(new StoredTokens(counting(template), serializer),
                new ReadYourWritesProperties(Duration.ofSeconds(2), Duration.ofMillis(20), List.of(PROCESSOR), Duration.ofMillis(50), 10));
    }

    @AfterEach
    void close() {
        progress.stopPolling();
        client.close();
    }

    @Test
    void a_hundred_waiting_reads_share_one_poll_and_are_all_answered_when_the_position_is_processed() {
        Mono<List<Boolean>> answers = Flux.range(0, 100).flatMap(read -> progress.awaitProcessed(8)).collectList();
        Mono.delay(Duration.ofMillis(300)).subscribe(tick -> tokenStore.storeToken(new GlobalSequenceTrackingToken(8), PROCESSOR, 0));

        assertThat(answers.block(Duration.ofSeconds(5))).hasSize(100).containsOnly(true);
        // about 300 ms / 20 ms polls, each one read of the token store; a poll per read would be some 1,500
        assertThat(tokenReads.get()).isBetween(2, 60);
    }

    @Test
    void a_position_already_processed_is_answered_at_once_and_one_never_reached_after_the_wait() {
        assertThat(progress.awaitProcessed(5).block(Duration.ofMillis(500))).isTrue();
        assertThat(progress.awaitProcessed(6).block(Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void nobody_waiting_means_no_poll() throws InterruptedException {
        assertThat(progress.awaitProcessed(5).block(Duration.ofMillis(500))).isTrue();
        Thread.sleep(100);
        int afterAnswer = tokenReads.get();
        Thread.sleep(200);

        assertThat(tokenReads.get()).isEqualTo(afterAnswer);
    }

    @Test
    void one_query_reads_every_projections_tokens_and_a_position_waits_for_the_slowest_segment() {
        tokenStore.initializeTokenSegments("history", 2);
        tokenStore.storeToken(new GlobalSequenceTrackingToken(9), "history", 0);
        tokenStore.storeToken(new GlobalSequenceTrackingToken(4), "history", 1);
        ProjectionProgress both = new ProjectionProgress(new StoredTokens(counting(template), serializer),
                new ReadYourWritesProperties(Duration.ofSeconds(2), Duration.ofMillis(20), List.of(PROCESSOR, "history"), Duration.ofMillis(50), 10));
        try {
            int before = tokenReads.get();
            assertThat(both.hasProcessed(4)).isTrue();
            assertThat(tokenReads.get() - before).as("one query for both projections").isEqualTo(1);
            assertThat(both.hasProcessed(5)).as("a segment of history is at 4").isFalse();
            assertThat(both.positions()).containsExactly(Map.entry(PROCESSOR, 5L), Map.entry("history", 4L));
        } finally {
            both.stopPolling();
        }
    }

    /** The template, counting the reads of the token collection. */
    private MongoTemplate counting(MongoTemplate template) {
        return new MongoTemplate() {
            @Override
            public MongoCollection<Document> trackingTokensCollection() {
                tokenReads.incrementAndGet();
                return template.trackingTokensCollection();
            }

            @Override
            public MongoCollection<Document> eventCollection() {
                return template.eventCollection();
            }

            @Override
            public MongoCollection<Document> snapshotCollection() {
                return template.snapshotCollection();
            }

            @Override
            public MongoCollection<Document> sagaCollection() {
                return template.sagaCollection();
            }

            @Override
            public MongoCollection<Document> deadLetterCollection() {
                return template.deadLetterCollection();
            }
        };
    }
}
