package org.concord.query.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.eventstore.EventPayloadMapper;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.eventstore.log.LogBuilder;
import org.concord.eventstore.log.LogKeys;
import org.concord.eventstore.log.LogStorage;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.MovableClock;
import org.concord.testing.TestMongoDatabase;
import org.concord.verifier.Checkpoint;
import org.concord.web.identity.CallerIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.codec.ServerSentEvent;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change feeds read from the real event store: resume, restart, filters, visibility, masking, stuck subscribers,
 * and the log's signed checkpoints between the events.
 */
class FeedTest {

    private static final Actor DRAFTER = new Actor("drafter", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor NGO = new Actor("ngo-delegate", "Rights Lab", StakeholderType.NGO);
    private static final CallerIdentity ANONYMOUS = CallerIdentity.ANONYMOUS;
    private static final CallerIdentity PARTICIPANT = new CallerIdentity("p-1", "France", "STATE", "FR", "France", Set.of("PARTICIPANT"));
    private static final CallerIdentity DRAFTING = new CallerIdentity("drafter", "Secretariat", "INTERNATIONAL_ORGANISATION", "GB", "S", Set.of("DRAFTER"));
    private static final ObjectMapper JSON = EventPayloadMapper.create();
    private static final JsonMapper WEB_JSON = new JsonMapper();
    private static final FeedProperties PROPERTIES = new FeedProperties(Duration.ofMillis(20), Duration.ofSeconds(15), 50, 20,
            Duration.ofSeconds(60), "http://localhost:8080", 10, Duration.ofMillis(20));

    private MongoClient client;
    private MongoDatabase database;
    private SequencedMongoEventStorageEngine eventStore;
    private final List<FeedTail> tails = new ArrayList<>();
    private final List<FeedCheckpoints> checkpoints = new ArrayList<>();
    private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    private final MovableClock logClock = new MovableClock();
    @TempDir
    Path keysDirectory;
    private LogStorage logStorage;
    private LogKeys logKeys;

    @BeforeEach
    void openStore() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        database = client.getDatabase(test.name());
        Serializer serializer = JacksonSerializer.builder().objectMapper(JSON).build();
        eventStore = SequencedMongoEventStorageEngine.builder().database(database)
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        logStorage = new LogStorage(database);
        logKeys = LogKeys.open(keysDirectory);
    }

    @AfterEach
    void closeStore() {
        tails.forEach(FeedTail::destroy);
        checkpoints.forEach(FeedCheckpoints::destroy);
        client.close();
    }

    @Test
    void a_subscriber_resumes_after_its_last_id_with_nothing_missing_nothing_twice_across_a_restart_of_the_query_side() {
        append(consultation("c-1", Visibility.PUBLIC, 120));
        Feed first = feed(PROPERTIES);
        List<Long> seen = new ArrayList<>(ids(first.stream(new Feed.Subscription(0, null, Set.of(), ANONYMOUS)).take(70).collectList().block()));
        tails.get(0).destroy();

        Feed restarted = feed(PROPERTIES);
        append(consultation("c-2", Visibility.PUBLIC, 30));
        seen.addAll(ids(restarted.stream(new Feed.Subscription(seen.get(seen.size() - 1), null, Set.of(), ANONYMOUS))
                .take(122 + 32 - 70).collectList().block()));

        assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 154).boxed().toList());
    }

    @Test
    void a_subscriber_at_the_head_gets_each_new_event_as_it_is_stored() {
        append(consultation("c-1", Visibility.PUBLIC, 2));
        Feed feed = feed(PROPERTIES);

        StepVerifier.create(feed.stream(new Feed.Subscription(4, null, Set.of(), ANONYMOUS)).take(2))
                .then(() -> append(comments("c-1", 2, Attribution.ATTRIBUTED, 100)))
                .assertNext(event -> assertThat(event.id()).isEqualTo("5"))
                .assertNext(event -> assertThat(event.id()).isEqualTo("6"))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void filters_by_consultation_and_type() {
        append(consultation("c-1", Visibility.PUBLIC, 3));
        append(consultation("c-2", Visibility.PUBLIC, 3));
        Feed feed = feed(PROPERTIES);

        List<ServerSentEvent<String>> events = feed.stream(new Feed.Subscription(0, "c-2", Set.of("CommentPosted"), ANONYMOUS))
                .take(3).collectList().block();

        assertThat(events).extracting(ServerSentEvent::event).containsOnly("CommentPosted");
        assertThat(events).extracting(event -> data(event).at("/data/consultationId").asText()).containsOnly("c-2");
    }

    @Test
    void restricted_consultations_reach_only_participants_and_drafters_and_chatham_house_authors_only_drafters() {
        append(consultation("secret", Visibility.RESTRICTED, 1));
        append(consultation("open", Visibility.PUBLIC, 0));
        append(comments("open", 1, Attribution.CHATHAM_HOUSE, 50));
        Feed feed = feed(PROPERTIES);

        List<ServerSentEvent<String>> anonymous = feed.stream(new Feed.Subscription(0, null, Set.of(), ANONYMOUS)).take(3).collectList().block();
        assertThat(anonymous).extracting(event -> data(event).at("/data/consultationId").asText()).containsOnly("open");
        String chathamHouse = anonymous.get(2).data();
        assertThat(chathamHouse).contains("Chatham House").doesNotContain("Rights Lab").doesNotContain("ngo-delegate");

        List<ServerSentEvent<String>> participant = feed.stream(new Feed.Subscription(0, null, Set.of(), PARTICIPANT)).take(6).collectList().block();
        assertThat(participant).extracting(event -> data(event).at("/data/consultationId").asText()).contains("secret", "open");
        assertThat(participant.get(5).data()).doesNotContain("Rights Lab");

        List<ServerSentEvent<String>> drafter = feed.stream(new Feed.Subscription(5, null, Set.of(), DRAFTING)).take(1).collectList().block();
        assertThat(drafter.get(0).data()).contains("Rights Lab");
    }

    @Test
    void a_subscriber_that_takes_nothing_is_told_why_and_where_to_resume_then_its_stream_ends() {
        append(consultation("c-1", Visibility.PUBLIC, 10));
        Feed feed = feed(new FeedProperties(Duration.ofMillis(20), Duration.ofMillis(200), 50, 20, Duration.ofMillis(500), "http://localhost", 10,
                Duration.ofMillis(20)));

        StepVerifier.create(feed.stream(new Feed.Subscription(0, null, Set.of(), ANONYMOUS)), 3)
                .expectNextCount(3)
                .expectNoEvent(Duration.ofMillis(800))
                .thenRequest(Long.MAX_VALUE)
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo(Feed.DISCONNECT);
                    assertThat(data(event).get("lastEventId").asLong()).isEqualTo(3);
                })
                .verifyComplete();
    }

    @Test
    void the_open_feeds_are_gauged_until_their_subscribers_leave() {
        append(consultation("c-1", Visibility.PUBLIC, 1));
        Feed feed = feed(PROPERTIES);

        StepVerifier.create(feed.stream(new Feed.Subscription(0, null, Set.of(), ANONYMOUS)))
                .expectNextCount(3)
                .then(() -> assertThat(openFeeds()).isEqualTo(1))
                .thenCancel()
                .verify();
        assertThat(openFeeds()).isZero();
    }

    @Test
    void the_latest_signed_checkpoint_and_each_newer_one_come_between_the_events_without_moving_the_resume_position() {
        append(consultation("c-1", Visibility.PUBLIC, 3));
        // the first build after a start signs the tree at once
        LogBuilder builder = logBuilder();
        assertThat(builder.build()).isTrue();
        LogStorage.StoredCheckpoint first = logStorage.checkpoint(1).orElseThrow();
        assertThat(first.treeSize()).isEqualTo(5);
        Feed feed = feed(PROPERTIES);

        List<ServerSentEvent<String>> opened = feed.stream(new Feed.Subscription(0, null, Set.of(), ANONYMOUS)).take(6)
                .collectList().block(Duration.ofSeconds(10));
        assertThat(opened).filteredOn(event -> event.id() != null).extracting(ServerSentEvent::id)
                .containsExactly("1", "2", "3", "4", "5");
        assertThat(opened).filteredOn(event -> event.id() == null).singleElement().satisfies(checkpoint -> {
            assertThat(checkpoint.event()).isEqualTo(Feed.CHECKPOINT);
            assertThat(checkpoint.data()).isEqualTo("{\"treeSize\":5,\"rootHash\":\"" + first.rootHash()
                    + "\",\"timestamp\":\"" + first.timestamp() + "\",\"signature\":\"" + first.signature() + "\"}");
            assertThat(signed(data(checkpoint))).isTrue();
        });

        StepVerifier.create(feed.stream(new Feed.Subscription(5, null, Set.of(), ANONYMOUS)).take(3))
                .assertNext(event -> assertThat(data(event).get("treeSize").asLong()).isEqualTo(5))
                .then(() -> append(comments("c-1", 1, Attribution.ATTRIBUTED, 100)))
                .assertNext(event -> assertThat(event.id()).isEqualTo("6"))
                .then(() -> {
                    logClock.advance(Duration.ofSeconds(5));
                    assertThat(builder.build()).isTrue();
                })
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo(Feed.CHECKPOINT);
                    assertThat(event.id()).isNull();
                    assertThat(data(event).get("treeSize").asLong()).isEqualTo(6);
                    assertThat(data(event).get("rootHash").asText()).isEqualTo(logStorage.checkpoint(2).orElseThrow().rootHash());
                    assertThat(signed(data(event))).isTrue();
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    /** The log's builder as a query side runs it, on this store, with its own keys. */
    private LogBuilder logBuilder() {
        return new LogBuilder(eventStore, logStorage, logKeys, logClock, "feed-test", Duration.ofSeconds(10), Duration.ofSeconds(5), 100);
    }

    private boolean signed(JsonNode checkpoint) {
        return new Checkpoint(checkpoint.get("treeSize").asLong(), checkpoint.get("rootHash").asText(), checkpoint.get("timestamp").asText(),
                checkpoint.get("signature").asText()).verify(logKeys.publicKey());
    }

    private double openFeeds() {
        return meterRegistry.get("concord.feeds.open").tag("kind", "sse").gauge().value();
    }

    private Feed feed(FeedProperties properties) {
        ConsultationVisibility visibility = new ConsultationVisibility(eventStore);
        FeedTail tail = new FeedTail(eventStore, visibility, properties);
        tails.add(tail);
        FeedCheckpoints signed = new FeedCheckpoints(logStorage, properties);
        checkpoints.add(signed);
        return new Feed(tail, signed, visibility, properties, WEB_JSON, meterRegistry);
    }

    private void append(List<EventMessage<?>> events) {
        eventStore.appendEvents(events);
    }

    /** A consultation's creation, a round, and comments on it: 2 + comments events. */
    private static List<EventMessage<?>> consultation(String id, Visibility visibility, int comments) {
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(new GenericDomainEventMessage<>("Consultation", id, 0, new ConsultationCreatedEvent(id, "Code " + id, "A code", visibility,
                List.of(new Provision(id + "-p1", "1", "States should regulate spyware.")), ConsultationStatus.DRAFT, DRAFTER, 1)));
        events.add(new GenericDomainEventMessage<>("Consultation", id, 1, new RoundOpenedEvent(id, 1, Instant.now().plusSeconds(3600), DRAFTER)));
        events.addAll(comments(id, comments, Attribution.ATTRIBUTED, 0));
        return events;
    }

    private static List<EventMessage<?>> comments(String consultationId, int count, Attribution attribution, int from) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            String commentId = consultationId + "-k" + i;
            events.add(new GenericDomainEventMessage<>("Comment", commentId, 0, new CommentPostedEvent(commentId, consultationId, null, null,
                    null, "Comment " + i, attribution, 1, NGO, null)));
        }
        return events;
    }

    private static List<Long> ids(List<ServerSentEvent<String>> events) {
        return events.stream().map(event -> Long.parseLong(event.id())).toList();
    }

    private static JsonNode data(ServerSentEvent<String> event) {
        try {
            return JSON.readTree(event.data());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
