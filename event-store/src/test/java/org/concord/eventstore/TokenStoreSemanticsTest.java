package org.concord.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackerStatus;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.concord.eventstore.TestEngine.SERIALIZER;
import static org.concord.eventstore.TestEngine.event;

/**
 * The token store, built as every service builds it, keeps Axon's {@link TokenStore} contract: claims, takeover after
 * the claim timeout, release, the split and merge of segments as the pooled streaming processor does them, and the
 * refusal of a claim of a segment split or merged since it was listed. Two stores with different owner names stand
 * for two query-side processes.
 */
@ExtendWith(MongoDbExtension.class)
class TokenStoreSemanticsTest {

    private static final String PROCESSOR = "consultations";
    private static final Duration PRODUCTION_CLAIM_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORT_CLAIM_TIMEOUT = Duration.ofMillis(300);

    private static final TrackingToken TEN = new GlobalSequenceTrackingToken(10);
    private static final TrackingToken TWENTY = new GlobalSequenceTrackingToken(20);

    private TestMongoDatabase database;
    private MongoClient client;
    private MongoTemplate template;

    @BeforeEach
    void connect(TestMongoDatabase database) {
        this.database = database;
        client = MongoClients.create(database.uri());
        template = axonTemplate(client, database);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void initializingCreatesSegmentsZeroToCountMinusOneUnclaimedAndIsRefusedASecondTime() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore b = store("B", PRODUCTION_CLAIM_TIMEOUT);
        assertThat(a.fetchSegments(PROCESSOR)).isEmpty();

        a.initializeTokenSegments(PROCESSOR, 4);

        assertThat(a.fetchSegments(PROCESSOR)).containsExactly(0, 1, 2, 3);
        assertThat(b.fetchAvailableSegments(PROCESSOR)).hasSize(4);
        assertThat(b.fetchToken(PROCESSOR, 3)).isNull();
        assertThatThrownBy(() -> a.initializeTokenSegments(PROCESSOR, 4))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("already present");
        assertThatThrownBy(() -> a.initializeTokenSegments(PROCESSOR, 2, TEN))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("already present");
        assertThat(a.fetchSegments(PROCESSOR)).containsExactly(0, 1, 2, 3);

        a.initializeTokenSegments("history", 2, TEN);
        assertThat(a.fetchSegments("history")).containsExactly(0, 1);
        assertThat(b.fetchToken("history", 1)).isEqualTo(TEN);
    }

    @Test
    void segmentsExistOnlyWhenInitializedExplicitly() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        assertThat(a.requiresExplicitSegmentInitialization()).isTrue();

        assertThatThrownBy(() -> a.fetchToken(PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("'consultations[0]'");
        assertThatThrownBy(() -> a.storeToken(TEN, PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("'consultations[0]'");
        assertThat(a.fetchSegments(PROCESSOR)).isEmpty();
    }

    @Test
    void aFreshClaimKeepsEveryOtherOwnerOffTheSegment() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore b = store("B", PRODUCTION_CLAIM_TIMEOUT);
        a.initializeTokenSegments(PROCESSOR, 2);

        assertThat(a.fetchToken(PROCESSOR, 0)).isNull();

        assertThatThrownBy(() -> b.fetchToken(PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("'consultations[0]'");
        assertThatThrownBy(() -> b.storeToken(TWENTY, PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("'consultations[0]'");
        assertThatThrownBy(() -> b.extendClaim(PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("'consultations[0]'");
        b.releaseClaim(PROCESSOR, 0);
        assertThat(claims(b, 0)).as("a release by another owner leaves A's claim").isFalse();
        assertThat(b.fetchToken(PROCESSOR, 1)).as("the other segment stays free").isNull();

        a.extendClaim(PROCESSOR, 0);
        a.storeToken(TEN, PROCESSOR, 0);
        assertThat(a.fetchToken(PROCESSOR, 0)).isEqualTo(TEN);
        assertThat(claims(b, 0)).isFalse();
    }

    @Test
    void everyTokenTypeAProcessorStoresReadsBackEqual() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore b = store("B", PRODUCTION_CLAIM_TIMEOUT);
        TrackingToken gapAware = GapAwareTrackingToken.newInstance(120, Set.of(117L, 119L));
        TrackingToken replay = ReplayToken.createReplayToken(gapAware, GapAwareTrackingToken.newInstance(40, Set.of()));
        TrackingToken merged = MergedTrackingToken.merged(GapAwareTrackingToken.newInstance(90, Set.of(88L)), gapAware);
        List<TrackingToken> tokens = List.of(TEN, gapAware, replay, merged);
        a.initializeTokenSegments(PROCESSOR, tokens.size());

        for (int segment = 0; segment < tokens.size(); segment++) {
            a.fetchToken(PROCESSOR, segment);
            a.storeToken(tokens.get(segment), PROCESSOR, segment);
            a.releaseClaim(PROCESSOR, segment);
        }

        for (int segment = 0; segment < tokens.size(); segment++) {
            assertThat(b.fetchToken(PROCESSOR, segment)).isEqualTo(tokens.get(segment));
        }
    }

    @Test
    void aClaimOlderThanTheTimeoutIsTakenOverAndItsFormerOwnerIsLockedOut() {
        TokenStore a = store("A", SHORT_CLAIM_TIMEOUT);
        TokenStore b = store("B", SHORT_CLAIM_TIMEOUT);
        a.initializeTokenSegments(PROCESSOR, 1);
        a.fetchToken(PROCESSOR, 0);
        long lastClaimedAt = System.currentTimeMillis();
        a.storeToken(TEN, PROCESSOR, 0);
        assertThat(claims(b, 0)).as("A's claim is fresh").isFalse();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .ignoreException(UnableToClaimTokenException.class)
                .untilAsserted(() -> assertThat(b.fetchToken(PROCESSOR, 0)).isEqualTo(TEN));

        assertThat(System.currentTimeMillis() - lastClaimedAt).isGreaterThan(SHORT_CLAIM_TIMEOUT.toMillis());
        assertThatThrownBy(() -> a.storeToken(TWENTY, PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("'consultations[0]'");
        assertThatThrownBy(() -> a.extendClaim(PROCESSOR, 0))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("'consultations[0]'");
        assertThat(claims(a, 0)).isFalse();
        assertThat(b.fetchToken(PROCESSOR, 0)).as("A's late store changed nothing").isEqualTo(TEN);
    }

    /**
     * An idle segment's processor extends its claim every 50 ms; the claim is written again only once a fifth of the
     * timeout has passed since this store last wrote it, and a moved token is always stored.
     */
    @Test
    void anUnchangedClaimIsWrittenAgainOnlyOnceAFifthOfTheTimeoutHasPassed() {
        AtomicLong nanos = new AtomicLong();
        TokenStore a = new SegmentCheckingTokenStore(
                EventStoreConfiguration.tokenStoreBuilder(template, SERIALIZER, properties(PRODUCTION_CLAIM_TIMEOUT))
                        .nodeId("A").build(),
                PRODUCTION_CLAIM_TIMEOUT, nanos::get);
        TokenStore b = store("B", PRODUCTION_CLAIM_TIMEOUT);
        a.initializeTokenSegments(PROCESSOR, 1);
        a.fetchToken(PROCESSOR, 0);
        Object claimedAt = claimTimestamp();
        // a claim written now would carry a later timestamp
        await().atMost(Duration.ofSeconds(1)).until(() -> System.currentTimeMillis() > ((Number) claimedAt).longValue() + 2);

        nanos.addAndGet(Duration.ofMillis(1_900).toNanos());
        a.extendClaim(PROCESSOR, 0);
        assertThat(claimTimestamp()).as("extended within 2 s of the claim: not written").isEqualTo(claimedAt);
        assertThat(claims(b, 0)).as("the claim still holds for B").isFalse();

        nanos.addAndGet(Duration.ofMillis(200).toNanos());
        a.extendClaim(PROCESSOR, 0);
        Object extendedAt = claimTimestamp();
        assertThat(extendedAt).as("2.1 s after the claim: written").isNotEqualTo(claimedAt);

        await().atMost(Duration.ofSeconds(1)).until(() -> System.currentTimeMillis() > ((Number) extendedAt).longValue() + 2);
        a.storeToken(TEN, PROCESSOR, 0);
        assertThat(claimTimestamp()).as("a moved token is stored at once").isNotEqualTo(extendedAt);
    }

    private Object claimTimestamp() {
        return template.trackingTokensCollection().find(new Document("processorName", PROCESSOR)).first().get("timestamp");
    }

    @Test
    void aClaimKeptExtendedWithinTheTimeoutIsNotTakenOver() {
        Duration claimTimeout = Duration.ofMillis(600);
        TokenStore a = store("A", claimTimeout);
        TokenStore b = store("B", claimTimeout);
        a.initializeTokenSegments(PROCESSOR, 1);
        a.fetchToken(PROCESSOR, 0);

        await().during(claimTimeout.multipliedBy(3)).atMost(claimTimeout.multipliedBy(6))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    a.extendClaim(PROCESSOR, 0);
                    return !claims(b, 0);
                });
    }

    @Test
    void aReleasedClaimCanBeTakenAtOnceByAnotherOwner() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore b = store("B", PRODUCTION_CLAIM_TIMEOUT);
        a.initializeTokenSegments(PROCESSOR, 1);
        a.fetchToken(PROCESSOR, 0);
        a.storeToken(TEN, PROCESSOR, 0);
        assertThat(claims(b, 0)).isFalse();

        a.releaseClaim(PROCESSOR, 0);

        assertThat(b.fetchToken(PROCESSOR, 0)).isEqualTo(TEN);
        assertThat(claims(a, 0)).isFalse();
    }

    @Test
    void onlyUnclaimedSegmentsAndSegmentsWhoseClaimExpiredAreAvailable() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore b = store("B", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore impatient = store("C", SHORT_CLAIM_TIMEOUT);
        a.initializeTokenSegments(PROCESSOR, 4);
        // before the first claim: every claim is stamped at or after it, so none can expire sooner than the timeout after it
        long beforeTheClaims = System.currentTimeMillis();
        a.fetchToken(PROCESSOR, 0);
        a.fetchToken(PROCESSOR, 1);
        b.fetchToken(PROCESSOR, 2);
        a.releaseClaim(PROCESSOR, 1);

        assertThat(a.fetchAvailableSegments(PROCESSOR)).as("an owner's own claims stay available to it")
                .containsExactly(quarter(0), quarter(1), quarter(3));
        assertThat(b.fetchAvailableSegments(PROCESSOR)).containsExactly(quarter(1), quarter(2), quarter(3));
        assertThat(impatient.fetchAvailableSegments(PROCESSOR)).containsExactly(quarter(1), quarter(3));

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> impatient.fetchAvailableSegments(PROCESSOR).size() == 4);
        assertThat(System.currentTimeMillis() - beforeTheClaims).isGreaterThanOrEqualTo(SHORT_CLAIM_TIMEOUT.toMillis());
        assertThat(impatient.fetchAvailableSegments(PROCESSOR))
                .containsExactly(quarter(0), quarter(1), quarter(2), quarter(3));
        assertThat(b.fetchAvailableSegments(PROCESSOR)).as("under a 10 s timeout A's claim still holds")
                .containsExactly(quarter(1), quarter(2), quarter(3));
    }

    @Test
    void aSplitAddsTheNewHalfUnclaimedWithTheSplitSegmentsToken() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore b = store("B", PRODUCTION_CLAIM_TIMEOUT);
        a.initializeTokenSegments(PROCESSOR, 2, TEN);

        TrackerStatus[] halves = split(a, Segment.computeSegment(0, a.fetchSegments(PROCESSOR)));

        int[] segments = b.fetchSegments(PROCESSOR);
        assertThat(segments).containsExactly(0, 1, 2);
        assertThat(Segment.computeSegment(0, segments)).isEqualTo(halves[0].getSegment());
        assertThat(Segment.computeSegment(2, segments)).isEqualTo(halves[1].getSegment());
        assertThat(b.fetchAvailableSegments(PROCESSOR))
                .containsExactly(halves[0].getSegment(), Segment.computeSegment(1, segments), halves[1].getSegment());
        assertThat(b.fetchToken(PROCESSOR, 2)).isEqualTo(TEN);
        assertThat(b.fetchToken(PROCESSOR, 0)).isEqualTo(TEN);
    }

    @Test
    void initializingASegmentThatExistsIsRefusedEvenForItsOwner() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        a.initializeTokenSegments(PROCESSOR, 2, TEN);
        a.fetchToken(PROCESSOR, 1);

        assertThatThrownBy(() -> a.initializeSegment(TWENTY, PROCESSOR, 1))
                .isInstanceOf(UnableToInitializeTokenException.class)
                .hasMessageContaining("'consultations[1]'");
        assertThat(a.fetchToken(PROCESSOR, 1)).isEqualTo(TEN);
        assertThat(a.fetchSegments(PROCESSOR)).containsExactly(0, 1);
    }

    @Test
    void aMergeDeletesTheMergedAwayHalfAndStoresBothTokensInTheOther() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore b = store("B", PRODUCTION_CLAIM_TIMEOUT);
        a.initializeTokenSegments(PROCESSOR, 2);
        Segment lower = Segment.computeSegment(0, a.fetchSegments(PROCESSOR));
        Segment upper = Segment.computeSegment(lower.mergeableSegmentId(), a.fetchSegments(PROCESSOR));
        a.fetchToken(PROCESSOR, lower.getSegmentId());
        a.storeToken(TEN, PROCESSOR, lower.getSegmentId());
        a.fetchToken(PROCESSOR, upper.getSegmentId());
        a.storeToken(TWENTY, PROCESSOR, upper.getSegmentId());

        merge(a, lower, upper);

        assertThat(b.fetchSegments(PROCESSOR)).containsExactly(0);
        assertThat(Segment.computeSegment(0, b.fetchSegments(PROCESSOR))).isEqualTo(Segment.ROOT_SEGMENT);
        assertThat(b.fetchToken(PROCESSOR, 0)).isEqualTo(MergedTrackingToken.merged(TEN, TWENTY));
        assertThatThrownBy(() -> b.fetchToken(PROCESSOR, upper.getSegmentId()))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("'consultations[1]'");
    }

    @Test
    void onlyTheOwnerOfItsClaimMayDeleteASegment() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore b = store("B", PRODUCTION_CLAIM_TIMEOUT);
        a.initializeTokenSegments(PROCESSOR, 2);
        a.fetchToken(PROCESSOR, 1);

        assertThatThrownBy(() -> b.deleteToken(PROCESSOR, 1))
                .as("claimed by another owner")
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("not owned by B");
        assertThatThrownBy(() -> b.deleteToken(PROCESSOR, 0))
                .as("claimed by nobody")
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("not owned by B");
        assertThat(a.fetchSegments(PROCESSOR)).containsExactly(0, 1);

        a.deleteToken(PROCESSOR, 1);
        assertThat(a.fetchSegments(PROCESSOR)).containsExactly(0);
    }

    @Test
    void aClaimOfASegmentSplitSinceItWasListedIsRefusedAndLeavesItUnclaimed() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore b = store("B", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore c = store("C", PRODUCTION_CLAIM_TIMEOUT);
        a.initializeTokenSegments(PROCESSOR, 2, TEN);
        Segment listed = b.fetchAvailableSegments(PROCESSOR).get(0);

        TrackerStatus[] halves = split(a, listed);

        assertThatThrownBy(() -> b.fetchToken(PROCESSOR, listed))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("'consultations[0]'")
                .hasMessageContaining("split");
        assertThat(c.fetchAvailableSegments(PROCESSOR)).as("B's refused claim was released")
                .contains(halves[0].getSegment());
        assertThat(b.fetchToken(PROCESSOR, halves[0].getSegment())).as("the current segment is claimed").isEqualTo(TEN);
        assertThat(claims(c, 0)).isFalse();
    }

    @Test
    void aClaimOfASegmentMergedSinceItWasListedIsRefusedAndLeavesItUnclaimed() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore b = store("B", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore c = store("C", PRODUCTION_CLAIM_TIMEOUT);
        a.initializeTokenSegments(PROCESSOR, 2, TEN);
        List<Segment> listed = b.fetchAvailableSegments(PROCESSOR);
        a.fetchToken(PROCESSOR, listed.get(0).getSegmentId());
        a.fetchToken(PROCESSOR, listed.get(1).getSegmentId());

        Segment merged = merge(a, listed.get(0), listed.get(1));

        assertThatThrownBy(() -> b.fetchToken(PROCESSOR, listed.get(0)))
                .isInstanceOf(UnableToClaimTokenException.class)
                .hasMessageContaining("'consultations[0]'")
                .hasMessageContaining("merged");
        assertThat(c.fetchAvailableSegments(PROCESSOR)).as("B's refused claim was released").containsExactly(merged);
        assertThat(b.fetchToken(PROCESSOR, merged)).as("the current segment is claimed").isEqualTo(TEN);
        assertThat(claims(c, 0)).isFalse();
    }

    @Test
    void theStoreLeavesNoTokenStoreMethodToTheInterfacesDefault() throws NoSuchMethodException {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);

        for (Method method : TokenStore.class.getMethods()) {
            if (!Modifier.isStatic(method.getModifiers())) {
                assertThat(a.getClass().getMethod(method.getName(), method.getParameterTypes()).getDeclaringClass())
                        .as("%s", method).isNotEqualTo(TokenStore.class);
            }
        }
    }

    @Test
    void theStorageIdentifierIsStableAndSharedByEveryStoreOnTheSameDatabaseOnly() {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        String identifier = a.retrieveStorageIdentifier().orElseThrow();

        assertThat(a.retrieveStorageIdentifier()).contains(identifier);
        try (MongoClient otherProcess = MongoClients.create(database.uri())) {
            TokenStore b = storeOn(axonTemplate(otherProcess, database), "B", PRODUCTION_CLAIM_TIMEOUT);
            assertThat(b.retrieveStorageIdentifier()).contains(identifier);
        }
        TestMongoDatabase otherDatabase = MongoDbExtension.newDatabase();
        try (MongoClient otherService = MongoClients.create(otherDatabase.uri())) {
            TokenStore c = storeOn(axonTemplate(otherService, otherDatabase), "C", PRODUCTION_CLAIM_TIMEOUT);
            assertThat(c.retrieveStorageIdentifier()).hasValueSatisfying(other -> assertThat(other).isNotEqualTo(identifier));
        }
    }

    @Test
    void aPooledProcessorSplitsAndMergesItsSegmentsInThisStore() throws Exception {
        TokenStore a = store("A", PRODUCTION_CLAIM_TIMEOUT);
        TokenStore observer = store("B", PRODUCTION_CLAIM_TIMEOUT);
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        try (TestEngine engine = TestEngine.open(database)) {
            engine.engine.appendEvents(event("a", 0), event("b", 0));
            EmbeddedEventStore events = EmbeddedEventStore.builder().storageEngine(engine.engine).build();
            PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                    .name(PROCESSOR)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                            .eventHandlers((EventMessageHandler) event -> null).build())
                    .messageSource(events)
                    .tokenStore(a)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .initialSegmentCount(2)
                    .tokenClaimInterval(100)
                    .build();
            try {
                processor.start();
                awaitClaimed(processor, Segment.computeSegments(0, 1));

                assertThat(processor.splitSegment(0).get(10, TimeUnit.SECONDS)).isTrue();
                assertThat(observer.fetchSegments(PROCESSOR)).containsExactly(0, 1, 2);
                awaitClaimed(processor, Segment.computeSegments(0, 1, 2));

                assertThat(processor.mergeSegment(0).get(10, TimeUnit.SECONDS)).isTrue();
                assertThat(observer.fetchSegments(PROCESSOR)).containsExactly(0, 1);
                awaitClaimed(processor, Segment.computeSegments(0, 1));
            } finally {
                processor.shutDown();
                events.shutDown();
            }
        } finally {
            coordinator.shutdownNow();
            workers.shutdownNow();
        }
    }

    private TokenStore store(String owner, Duration claimTimeout) {
        return storeOn(template, owner, claimTimeout);
    }

    private static TokenStore storeOn(MongoTemplate template, String owner, Duration claimTimeout) {
        return EventStoreConfiguration.buildTokenStore(
                EventStoreConfiguration.tokenStoreBuilder(template, SERIALIZER, properties(claimTimeout)).nodeId(owner),
                claimTimeout);
    }

    private static EventStoreProperties properties(Duration claimTimeout) {
        return new EventStoreProperties(Duration.ofSeconds(10), 100, claimTimeout, Duration.ofMillis(25));
    }

    /** Splits {@code segment} as a pooled streaming processor does: the new half starts from the split one's token. */
    private static TrackerStatus[] split(TokenStore owner, Segment segment) {
        TrackerStatus[] halves = TrackerStatus.split(segment, owner.fetchToken(PROCESSOR, segment.getSegmentId()));
        owner.initializeSegment(halves[1].getInternalTrackingToken(), PROCESSOR, halves[1].getSegment().getSegmentId());
        owner.releaseClaim(PROCESSOR, segment.getSegmentId());
        return halves;
    }

    /**
     * Merges two segments {@code owner} has claimed as a pooled streaming processor does: the upper one is deleted,
     * the lower one keeps both tokens.
     */
    private static Segment merge(TokenStore owner, Segment lower, Segment upper) {
        TrackingToken mergedToken = MergedTrackingToken.merged(owner.fetchToken(PROCESSOR, lower.getSegmentId()),
                                                               owner.fetchToken(PROCESSOR, upper.getSegmentId()));
        owner.deleteToken(PROCESSOR, upper.getSegmentId());
        owner.storeToken(mergedToken, PROCESSOR, lower.getSegmentId());
        owner.releaseClaim(PROCESSOR, lower.getSegmentId());
        return lower.mergedWith(upper);
    }

    private static MongoTemplate axonTemplate(MongoClient client, TestMongoDatabase database) {
        return new EventStoreConfiguration().axonMongoTemplate(client, client.getDatabase(database.name()));
    }

    private static boolean claims(TokenStore store, int segment) {
        try {
            store.fetchToken(PROCESSOR, segment);
            return true;
        } catch (UnableToClaimTokenException refused) {
            return false;
        }
    }

    private static Segment quarter(int segmentId) {
        return Segment.computeSegment(segmentId, 0, 1, 2, 3);
    }

    private static void awaitClaimed(PooledStreamingEventProcessor processor, Segment... segments) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(processor.processingStatus().values())
                .extracting(status -> status.getSegment())
                .containsExactlyInAnyOrder(segments));
    }
}
