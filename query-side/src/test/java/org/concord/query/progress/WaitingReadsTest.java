package org.concord.query.progress;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.eventstore.SafeEventLog;
import org.concord.eventstore.StoredTokens;
import org.concord.query.progress.WaitingReads.Outcome;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.concord.web.problem.ProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.HttpStatus;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * Issue #18, finding 5: a client has at most its share of reads waiting for a position, and a position no event
 * has reached is answered at once instead of holding the read for the whole wait.
 */
@ExtendWith(MongoDbExtension.class)
class WaitingReadsTest {

    private static final String PROCESSOR = "comments";
    private static final int SHARE = 2;
    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final AtomicLong seenHead = new AtomicLong(10);
    private final SafeEventLog eventStore = mock(SafeEventLog.class);
    private MongoClient client;
    private MongoTokenStore tokenStore;
    private ProjectionProgress progress;
    private WaitingReads reads;

    @BeforeEach
    void aProjectionAtPosition5OfTen(TestMongoDatabase database) {
        client = MongoClients.create(database.uri());
        MongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(client, database.name()).build();
        tokenStore = MongoTokenStore.builder().mongoTemplate(template).serializer(serializer).nodeId("test").build();
        tokenStore.initializeTokenSegments(PROCESSOR, 1);
        tokenStore.storeToken(new GlobalSequenceTrackingToken(5), PROCESSOR, 0);
        ReadYourWritesProperties properties = new ReadYourWritesProperties(Duration.ofMinutes(10), Duration.ofMillis(20),
                List.of(PROCESSOR), Duration.ofMillis(50), SHARE);
        progress = spy(new ProjectionProgress(new StoredTokens(template, serializer), properties));
        reads = new WaitingReads(progress, eventStore, seenHead::get, properties);
    }

    @AfterEach
    void close() {
        progress.stopPolling();
        client.close();
    }

    @Test
    void a_client_with_its_share_of_reads_waiting_is_refused_another_and_other_clients_are_not() {
        Mono<List<Outcome>> first = Mono.zip(reads.await("participant:a", 8), reads.await("participant:a", 8), List::of).cache();
        first.subscribe();

        assertThatThrownBy(() -> reads.await("participant:a", 8).block())
                .isInstanceOfSatisfying(ProblemException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(refused.type()).isEqualTo("too-many-waits");
                    assertThat(refused.retryAfter()).as("Retry-After").hasValue(Duration.ofSeconds(1));
                });
        Mono<Outcome> another = reads.await("address:192.0.2.7", 8).cache();
        another.subscribe();

        tokenStore.storeToken(new GlobalSequenceTrackingToken(8), PROCESSOR, 0);
        assertThat(first.block(Duration.ofSeconds(30))).containsOnly(Outcome.CAUGHT_UP);
        assertThat(another.block(Duration.ofSeconds(30))).isEqualTo(Outcome.CAUGHT_UP);
        assertThat(reads.await("participant:a", 8).block(Duration.ofSeconds(30))).isEqualTo(Outcome.CAUGHT_UP);
    }

    @Test
    void a_read_given_up_by_its_client_no_longer_counts() {
        Disposable one = reads.await("participant:a", 8).subscribe();
        Disposable two = reads.await("participant:a", 8).subscribe();

        one.dispose();
        two.dispose();
        Mono<Outcome> again = reads.await("participant:a", 8).cache();
        again.subscribe();
        tokenStore.storeToken(new GlobalSequenceTrackingToken(8), PROCESSOR, 0);

        assertThat(again.block(Duration.ofSeconds(30))).isEqualTo(Outcome.CAUGHT_UP);
    }

    @Test
    void a_position_past_the_last_stored_event_is_answered_at_once_without_waiting() {
        when(eventStore.headPosition()).thenReturn(12L);

        assertThat(reads.await("participant:a", 1_000_000_000_000L).block()).isEqualTo(Outcome.BEYOND_HEAD);
        verify(progress, never()).awaitProcessed(anyLong());
    }

    @Test
    void a_head_the_store_cannot_tell_lets_the_read_wait_as_before() {
        when(eventStore.headPosition()).thenThrow(new IllegalStateException("MongoDB is down"));
        Mono<Outcome> read = reads.await("participant:a", 11).cache();
        read.subscribe();

        tokenStore.storeToken(new GlobalSequenceTrackingToken(11), PROCESSOR, 0);

        assertThat(read.block(Duration.ofSeconds(30))).isEqualTo(Outcome.CAUGHT_UP);
    }

    @Test
    void the_store_is_asked_for_its_head_only_above_what_is_known_to_be_stored() {
        when(eventStore.headPosition()).thenReturn(12L);
        tokenStore.storeToken(new GlobalSequenceTrackingToken(12), PROCESSOR, 0);

        assertThat(reads.await("participant:a", 9).block(Duration.ofSeconds(30))).isEqualTo(Outcome.CAUGHT_UP);
        assertThat(reads.await("participant:a", 12).block(Duration.ofSeconds(30))).isEqualTo(Outcome.CAUGHT_UP);
        assertThat(reads.await("participant:a", 11).block(Duration.ofSeconds(30))).isEqualTo(Outcome.CAUGHT_UP);

        verify(eventStore, times(1)).headPosition();
    }
}
