package org.concord.eventstore;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertThat;
import static org.concord.eventstore.EventDocuments.AGGREGATE_SEQUENCE;
import static org.concord.eventstore.EventDocuments.APPENDED_AT;
import static org.concord.eventstore.EventDocuments.EVENT_IDENTIFIER;
import static org.concord.eventstore.EventDocuments.COMMIT_END;
import static org.concord.eventstore.EventDocuments.COMMIT_START;
import static org.concord.eventstore.EventDocuments.TOMBSTONE;
import static org.concord.eventstore.EventDocuments.POSITION;
import static org.concord.eventstore.EventDocuments.SEQUENCE_NUMBER;
import static org.concord.eventstore.EventDocuments.TIMESTAMP;

/**
 * Concord's Axon event storage engine on MongoDB: one document per event, a dense global position
 * per event, gap-aware tracking, snapshots, and the unique (aggregate, sequence) key as the optimistic
 * lock. Every hot read is an equality or {@code $in} lookup on a unique index, so its cost depends on
 * the batch and not on how many events are stored, on MongoDB and on the embedded mongo-java-server.
 * <p>
 * A position is taken by inserting the event with it (see {@link EventPositions}); a position handed
 * out but not yet visible is a gap, given up once an event above it was appended longer than the gap
 * timeout ago. Positions of an aggregate's events grow with its sequence numbers, across processes too.
 * <p>
 * A unique index on the event identifier makes an identifier name one stored event. It is the
 * costliest part of an append on the embedded H2 backend unless new identifiers land at its end, as
 * Concord's do ({@link TimeOrderedIdentifierFactory}); the guarantee holds for any identifiers.
 */
public class SequencedMongoEventStorageEngine extends BatchingEventStorageEngine
        implements SafeEventLog, RawEventLog, IdempotentCommitLookup, AggregateStreams {

    private static final int SCAN_CHUNK = 1000;
    /**
     * How many positions past what is known a read looks at first. Most reads find little or nothing new,
     * and a {@code $in} lookup costs each position it names (on the embedded server, dearly), so a read
     * looks further only when this first look is full to its end.
     */
    static final int FIRST_LOOK = 32;
    private static final int SEQUENCE_PROBES = 62;
    private static final int AGGREGATES_REMEMBERED = 10_000;
    private static final Bson VISIBILITY_FIELDS = Projections.include(AGGREGATE_SEQUENCE, TOMBSTONE, COMMIT_START, COMMIT_END);
    /** How old the safe position a scrape reads may be before the gauge computes it afresh. */
    private static final long SAFE_POSITION_GAUGE_MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final EventPositions positions;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final Clock clock;
    private final CommitHook commitHook;
    private final AtomicLong knownSafePosition = new AtomicLong();
    private volatile long safePositionComputedAt = System.nanoTime() - SAFE_POSITION_GAUGE_MAX_AGE_NANOS;
    private volatile Instant wideScanAt = Instant.MIN;
    private final MeterRegistry meterRegistry;
    private final Counter appended;
    private final Timer appendsSucceeded;
    private final Timer appendsFailed;
    private final Map<String, long[]> lastPositionByAggregate = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > AGGREGATES_REMEMBERED;
        }
    };

    protected SequencedMongoEventStorageEngine(Builder builder) {
        super(builder);
        this.events = builder.database.getCollection(builder.eventsCollection);
        this.snapshots = builder.database.getCollection(builder.snapshotsCollection);
        this.gapTimeout = builder.gapTimeout;
        this.maxGapOffset = builder.maxGapOffset;
        this.clock = builder.clock;
        this.commitHook = builder.commitHook;
        this.meterRegistry = builder.meterRegistry;
        this.appended = Counter.builder("concord.events.appended")
                .description("Events appended to the event store by this process")
                .register(meterRegistry);
        this.appendsSucceeded = appendTimer("success");
        this.appendsFailed = appendTimer("error");
        Gauge.builder("concord.events.safe.position", this, SequencedMongoEventStorageEngine::recentSafePosition)
                .description("The event store's safe position: no event can still appear at or below it")
                .register(meterRegistry);
        // sparse: tombstones have neither key
        events.createIndex(Indexes.ascending(AGGREGATE_SEQUENCE),
                new IndexOptions().unique(true).sparse(true).name("aggregateSequence_unique"));
        events.createIndex(Indexes.ascending(EVENT_IDENTIFIER),
                new IndexOptions().unique(true).sparse(true).name("eventIdentifier_unique"));
        // sparse: only the last event of a commit made under an Idempotency-Key has one
        events.createIndex(Indexes.ascending(IdempotentCommits.KEY_FIELD),
                new IndexOptions().unique(true).sparse(true).name(IdempotentCommits.INDEX));
        this.positions = new EventPositions(builder.database.getCollection(builder.positionsCollection), events,
                clock, gapTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc} Cost: a look at the next {@value #FIRST_LOOK} positions, then at windows doubling up to
     * {@value #SCAN_CHUNK} positions while they hold events. Once every half gap timeout the first window is
     * {@value #SCAN_CHUNK} wide: a run of lost positions longer than the first look, below events the head
     * hint does not know of yet, then holds the position back no longer than that.
     */
    @Override
    public long safePosition() {
        long stored = positions.storedSafe();
        return remember(scanAbove(Math.max(knownSafePosition.get(), stored), Long.MAX_VALUE, false).safe(), stored);
    }

    /** What a scan for the safe position found: the position, and the whole documents it read on the way, if asked. */
    private record Scan(long safe, List<Document> documents) {
    }

    /**
     * Looks for the safe position above {@code safe}, no further than {@code limit}, as {@link #safePosition()}
     * describes. The documents read are whole and kept when {@code whole}; else only what decides their visibility
     * is read, chunk by chunk, and nothing is kept: a scan without a limit may cross a million positions (a store
     * whose safe position was last stored long ago), and keeping them all once filled a 512 MB heap.
     */
    private Scan scanAbove(long safe, long limit, boolean whole) {
        long headHint = positions.headHint();
        Instant giveUpBefore = clock.instant().minus(gapTimeout);
        List<Document> read = new ArrayList<>();
        long firstMissing = 0;
        int window = wideScanDue() ? SCAN_CHUNK : FIRST_LOOK;
        scan:
        for (long from = safe; from < limit; from += window, window = Math.min(2 * window, SCAN_CHUNK)) {
            long to = Math.min(from + window, limit);
            Chunk chunk = settledIn(from + 1, to, whole);
            if (whole) {
                read.addAll(chunk.documents());
            }
            if (chunk.documents().isEmpty() && to >= headHint) {
                break;
            }
            for (long position = from + 1; position <= to; position++) {
                Instant appendedAt = chunk.settled().get(position);
                if (appendedAt == null) {
                    firstMissing = firstMissing == 0 ? position : firstMissing;
                } else if (firstMissing == 0 || !appendedAt.isAfter(giveUpBefore)) {
                    firstMissing = 0;
                    safe = position;
                } else {
                    break scan;
                }
            }
        }
        return new Scan(safe, read);
    }

    /** Keeps a safe position found, here and (when above what is stored) for every process; returns the highest known. */
    private long remember(long safe, long stored) {
        long result = knownSafePosition.accumulateAndGet(safe, Math::max);
        if (result > stored) {
            positions.raiseSafe(result);
        }
        safePositionComputedAt = System.nanoTime();
        return result;
    }

    private boolean wideScanDue() {
        Instant now = clock.instant();
        if (now.isBefore(wideScanAt.plus(gapTimeout.dividedBy(2)))) {
            return false;
        }
        wideScanAt = now;
        return true;
    }

    /**
     * The safe position for a metrics scrape: the one last computed, if within a second (the feeds of a
     * query side compute it many times a second), else computed now; the last one known when MongoDB
     * cannot be reached.
     */
    private double recentSafePosition() {
        if (System.nanoTime() - safePositionComputedAt < SAFE_POSITION_GAUGE_MAX_AGE_NANOS) {
            return knownSafePosition.get();
        }
        try {
            return safePosition();
        } catch (MongoException e) {
            return knownSafePosition.get();
        }
    }

    @Override
    public long headPosition() {
        return positions.head();
    }

    @Override
    public SafeEvents readSafeEvents(long afterPosition, int maxPositions) {
        SafePage page = safePage(afterPosition, maxPositions);
        List<TrackedEventData<?>> data = page.events().stream()
                .<TrackedEventData<?>>map(document -> new TrackedDomainEventData<>(
                        GapAwareTrackingToken.newInstance(EventDocuments.position(document), Set.of()),
                        EventDocuments.eventData(document)))
                .toList();
        List<TrackedEventMessage<?>> messages = EventUtils
                .upcastAndDeserializeTrackedEvents(data.stream(), getEventSerializer(), upcasterChain)
                .toList();
        return new SafeEvents(messages, page.lastPosition());
    }

    @Override
    public RawEvents readRawSafeEvents(long afterPosition, int maxPositions) {
        SafePage page = safePage(afterPosition, maxPositions);
        return new RawEvents(page.events().stream().map(EventDocuments::storedEvent).toList(), page.lastPosition());
    }

    /** The visible event documents of a page below the safe position, in position order, and where the page ends. */
    private record SafePage(List<Document> events, long lastPosition) {
    }

    /**
     * The events after {@code afterPosition} up to the safe position, at most {@code maxPositions} positions, each
     * position read once: the part below the safe position already known in one lookup, the rest while scanning
     * for how far it is safe, whole documents at once (a reader that follows the head, such as the verifiable log's
     * builder, would otherwise read each new position twice: to learn it is safe, then for its event).
     */
    private SafePage safePage(long afterPosition, int maxPositions) {
        long limit = afterPosition + maxPositions;
        long stored = positions.storedSafe();
        long known = Math.max(knownSafePosition.get(), stored);
        List<Document> found = new ArrayList<>();
        long to;
        if (known >= limit) {
            to = limit;
            found.addAll(documents(range(afterPosition + 1, to)));
        } else if (known >= afterPosition) {
            if (known > afterPosition) {
                found.addAll(documents(range(afterPosition + 1, known)));
            }
            Scan scan = scanAbove(known, limit, true);
            remember(scan.safe(), stored);
            to = scan.safe();
            scan.documents().stream().filter(document -> EventDocuments.position(document) <= to).forEach(found::add);
        } else {
            // asked from above the safe position known here: nothing is safe there unless a scan says so
            to = Math.min(limit, safePosition());
            if (to > afterPosition) {
                found.addAll(documents(range(afterPosition + 1, to)));
            }
        }
        if (to <= afterPosition) {
            return new SafePage(List.of(), afterPosition);
        }
        found.sort(Comparator.comparingLong(EventDocuments::position));
        return new SafePage(found.stream().filter(visibleAmong(found)).toList(), to);
    }

    @Override
    public List<StoredEvent> readRawEvents(Collection<Long> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        return documents(positions).stream()
                .filter(document -> !EventDocuments.isTombstone(document))
                .map(EventDocuments::storedEvent)
                .toList();
    }

    @Override
    public Optional<StoredEvent> readRawEvent(String aggregateIdentifier, long sequenceNumber) {
        Document found = events.find(Filters.eq(AGGREGATE_SEQUENCE, EventDocuments.aggregateKey(aggregateIdentifier, sequenceNumber))).first();
        return Optional.ofNullable(found)
                .filter(document -> visibleAmong(List.of(document)).test(document))
                .map(EventDocuments::storedEvent);
    }

    /** Counts the events appended and times each commit, as {@code success} or {@code error}. */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        Timer.Sample sample = Timer.start(meterRegistry);
        boolean stored = false;
        try {
            storeAt(positions.claim(events.size(), floorFor(events)), events, serializer);
            appended.increment(events.size());
            stored = true;
        } finally {
            sample.stop(stored ? appendsSucceeded : appendsFailed);
        }
    }

    private Timer appendTimer(String outcome) {
        return Timer.builder("concord.events.append")
                .description("Appends of a unit of work's events to the event store")
                .tag("outcome", outcome)
                .register(meterRegistry);
    }

    /** Hands out positions without writing; split from {@link #storeAt} so that tests can make gaps. */
    long reservePositions(int count) {
        return positions.claim(count, 0);
    }

    /**
     * Writes a commit from {@code firstPosition} on. When another process took one of its positions
     * first, the commit moves whole to new positions above it; its invisible part is tombstoned.
     */
    void storeAt(long firstPosition, List<? extends EventMessage<?>> batch, Serializer serializer) {
        List<Document> documents = new ArrayList<>(batch.size());
        for (EventMessage<?> event : batch) {
            documents.add(EventDocuments.event(event, serializer));
        }
        String idempotencyKey = IdempotentCommits.keyOf(batch);
        if (idempotencyKey != null) {
            documents.get(documents.size() - 1).append(IdempotentCommits.KEY_FIELD, idempotencyKey)
                    .append(IdempotentCommits.RESULT_FIELD, IdempotentCommits.storable(commitHook.resultOf(batch)));
        }
        long position = firstPosition;
        while (true) {
            EventDocuments.place(documents, position, clock.instant());
            try {
                this.events.insertMany(documents);
                break;
            } catch (MongoBulkWriteException e) {
                int failed = e.getWriteErrors().isEmpty() ? 0 : e.getWriteErrors().get(0).getIndex();
                long lost = position + failed;
                boolean positionLost = takenByAnother(lost, documents.get(failed));
                abandon(range(position, lost - 1), positionLost ? lost + 1 : lost, position + batch.size() - 1);
                if (!positionLost && idempotencyKey != null && failed == batch.size() - 1 && keyClashed(e)) {
                    throw new IdempotencyKeyCommittedException(idempotencyKey);
                }
                if (!positionLost) {
                    handlePersistenceException(e, batch.get(failed));
                }
                positions.refresh();
                position = positions.claim(batch.size(), lost);
            } catch (MongoException e) {
                abandonUnknown(documents);
                handlePersistenceException(e, batch.get(0));
            }
        }
        long highest = position + batch.size() - 1;
        positions.written(highest);
        rememberPositions(batch, position);
        commitHook.appended(batch, highest);
    }

    /**
     * The position the batch must stay above so that each aggregate's events keep the order of their
     * sequence numbers: that of the event before the batch's first one of each aggregate, known from
     * loading or appending it here, else looked up.
     */
    private long floorFor(List<? extends EventMessage<?>> batch) {
        long floor = 0;
        Set<String> seen = new HashSet<>();
        for (EventMessage<?> message : batch) {
            if (message instanceof DomainEventMessage<?> event && seen.add(event.getAggregateIdentifier())
                    && event.getSequenceNumber() > 0) {
                floor = Math.max(floor, positionOf(event.getAggregateIdentifier(), event.getSequenceNumber() - 1));
            }
        }
        return floor;
    }

    private long positionOf(String aggregateIdentifier, long sequenceNumber) {
        synchronized (lastPositionByAggregate) {
            long[] known = lastPositionByAggregate.get(aggregateIdentifier);
            if (known != null && known[0] == sequenceNumber) {
                return known[1];
            }
        }
        Document found = events.find(Filters.eq(AGGREGATE_SEQUENCE, EventDocuments.aggregateKey(aggregateIdentifier, sequenceNumber)))
                .projection(Projections.include(POSITION)).first();
        return found == null ? 0 : EventDocuments.position(found);
    }

    private void rememberPositions(List<? extends EventMessage<?>> batch, long firstPosition) {
        synchronized (lastPositionByAggregate) {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i) instanceof DomainEventMessage<?> event) {
                    lastPositionByAggregate.put(event.getAggregateIdentifier(), new long[]{event.getSequenceNumber(), firstPosition + i});
                }
            }
        }
    }

    @Override
    public Optional<IdempotentCommits.Outcome> committedUnder(String idempotencyKey) {
        Document last = events.find(Filters.eq(IdempotentCommits.KEY_FIELD, idempotencyKey)).first();
        if (last == null || EventDocuments.isTombstone(last)) {
            return Optional.empty();
        }
        return Optional.of(new IdempotentCommits.Outcome(last.get(IdempotentCommits.RESULT_FIELD), EventDocuments.position(last)));
    }

    private static boolean keyClashed(MongoBulkWriteException e) {
        return e.getWriteErrors().stream().anyMatch(error -> error.getMessage() != null
                && error.getMessage().contains(IdempotentCommits.INDEX));
    }

    private boolean takenByAnother(long position, Document ours) {
        Document holder = events.find(Filters.eq(POSITION, position)).projection(Projections.include(EVENT_IDENTIFIER)).first();
        return holder != null && !ours.getString(EVENT_IDENTIFIER).equals(holder.getString(EVENT_IDENTIFIER));
    }

    /**
     * Puts tombstones on the positions of a failed commit: over the documents it wrote (invisible,
     * as the commit's last event is missing), and on the positions it was handed but did not fill
     * (those another process took keep their event).
     */
    private void abandon(List<Long> written, long unfilledFrom, long unfilledTo) {
        Instant now = clock.instant();
        List<WriteModel<Document>> tombstones = new ArrayList<>();
        for (long position : written) {
            tombstones.add(new ReplaceOneModel<>(Filters.eq(POSITION, position), EventDocuments.tombstone(position, now)));
        }
        for (long position = unfilledFrom; position <= unfilledTo; position++) {
            tombstones.add(new InsertOneModel<>(EventDocuments.tombstone(position, now)));
        }
        if (tombstones.isEmpty()) {
            return;
        }
        try {
            events.bulkWrite(tombstones, new BulkWriteOptions().ordered(false));
        } catch (MongoException partly) {
            // positions another process took stay its own; any position left empty is a gap readers give up
        }
    }

    /** After an error that leaves unknown what was written: tombstones wherever the commit's documents may be. */
    private void abandonUnknown(List<Document> documents) {
        Instant now = clock.instant();
        List<WriteModel<Document>> tombstones = new ArrayList<>();
        for (Document document : documents) {
            long position = EventDocuments.position(document);
            tombstones.add(new ReplaceOneModel<>(
                    Filters.and(Filters.eq(POSITION, position), Filters.eq(EVENT_IDENTIFIER, document.getString(EVENT_IDENTIFIER))),
                    EventDocuments.tombstone(position, now), new ReplaceOptions().upsert(true)));
        }
        try {
            events.bulkWrite(tombstones, new BulkWriteOptions().ordered(false));
        } catch (MongoException partly) {
            // a position another process holds keeps its event; one left empty is a gap readers give up
        }
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = EventDocuments.snapshot(snapshot, serializer);
        Document current = snapshots.find(Filters.eq(POSITION, snapshot.getAggregateIdentifier()))
                .projection(Projections.include(SEQUENCE_NUMBER)).first();
        if (current == null) {
            try {
                snapshots.insertOne(document);
            } catch (MongoServerException e) {
                // another process stored a snapshot of this aggregate at the same moment; either will do
                if (!new MongoDuplicateKeyResolver().isDuplicateKeyViolation(e)) {
                    throw e;
                }
            }
        } else if (((Number) current.get(SEQUENCE_NUMBER)).longValue() < snapshot.getSequenceNumber()) {
            snapshots.replaceOne(Filters.eq(POSITION, snapshot.getAggregateIdentifier()), document);
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(Filters.eq(POSITION, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(EventDocuments.snapshotData(snapshot));
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        List<String> keys = new ArrayList<>(batchSize);
        for (long sequence = firstSequenceNumber; sequence < firstSequenceNumber + batchSize; sequence++) {
            keys.add(EventDocuments.aggregateKey(aggregateIdentifier, sequence));
        }
        List<Document> stored = events.find(Filters.in(AGGREGATE_SEQUENCE, keys)).into(new ArrayList<>());
        List<Document> found = stored.stream()
                .filter(visibleAmong(stored))
                .sorted(Comparator.comparingLong(EventDocuments::sequenceNumber))
                .toList();
        if (!found.isEmpty()) {
            Document last = found.get(found.size() - 1);
            synchronized (lastPositionByAggregate) {
                lastPositionByAggregate.put(aggregateIdentifier,
                        new long[]{EventDocuments.sequenceNumber(last), EventDocuments.position(last)});
            }
        }
        return found.stream().map(EventDocuments::eventData).toList();
    }

    /** Probes sequence numbers 0, 1, 3, 7, ... in one lookup, then bisects: no range scan. */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        List<Long> probes = new ArrayList<>();
        for (long probe = 0; probes.size() < SEQUENCE_PROBES; probe = probe * 2 + 1) {
            probes.add(probe);
        }
        List<Document> probed = events.find(Filters.in(AGGREGATE_SEQUENCE, probes.stream()
                        .map(probe -> EventDocuments.aggregateKey(aggregateIdentifier, probe)).toList()))
                .projection(VISIBILITY_FIELDS).into(new ArrayList<>());
        Set<Long> present = new TreeSet<>();
        probed.stream().filter(visibleAmong(probed)).forEach(document -> present.add(EventDocuments.sequenceNumber(document)));
        if (present.isEmpty()) {
            return Optional.empty();
        }
        long low = ((TreeSet<Long>) present).last();
        long high = low * 2 + 1;
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (hasVisibleEvent(aggregateIdentifier, middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return Optional.of(low);
    }

    @Override
    public boolean holdsEventAfter(String aggregateIdentifier, long sequenceNumber) {
        return events.find(Filters.eq(AGGREGATE_SEQUENCE, EventDocuments.aggregateKey(aggregateIdentifier, sequenceNumber + 1)))
                .projection(Projections.include(POSITION)).first() != null;
    }

    private boolean hasVisibleEvent(String aggregateIdentifier, long sequenceNumber) {
        Document found = events.find(Filters.eq(AGGREGATE_SEQUENCE, EventDocuments.aggregateKey(aggregateIdentifier, sequenceNumber)))
                .projection(VISIBILITY_FIELDS).first();
        return found != null && visibleAmong(List.of(found)).test(found);
    }

    /**
     * The next events after {@code lastToken}: its gaps and the next {@value #FIRST_LOOK} positions in one
     * {@code $in} lookup, and when an event is stored at the last of those, the rest of the next
     * {@code batchSize} positions in a second. When those positions hold only tombstones or not-yet-visible
     * events, or nothing while higher positions are stored, the reader looks further.
     */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = gapAware(lastToken);
        Set<Long> wanted = new TreeSet<>(token.getGaps());
        for (long gap : token.getGaps()) {
            // the event just above a run of gaps tells whether the run is old enough to give up
            wanted.add(gap + 1);
        }
        long window = Math.min(FIRST_LOOK, batchSize);
        long to = token.getIndex() + window;
        wanted.addAll(range(token.getIndex() + 1, to));
        Long headHint = null;
        while (true) {
            long from = to - window;
            List<Document> found = documents(wanted);
            if (window < batchSize && holds(found, to)) {
                List<Long> rest = range(to + 1, from + batchSize);
                found = merged(found, documents(rest));
                wanted.addAll(rest);
                window = batchSize;
                to = from + batchSize;
            }
            found = withLateArrivals(wanted, found);
            Tracked tracked = track(token, found, visibleAmong(found));
            if (!tracked.batch().isEmpty()) {
                return tracked.batch();
            }
            boolean rangeHeldDocuments = found.stream().anyMatch(document -> EventDocuments.position(document) > from);
            if (!rangeHeldDocuments) {
                headHint = headHint == null ? positions.headHint() : headHint;
                if (headHint <= to) {
                    return List.of();
                }
            }
            token = tracked.token();
            window = batchSize;
            to += batchSize;
            wanted = new TreeSet<>(range(to - batchSize + 1, to));
        }
    }

    private static boolean holds(List<Document> found, long position) {
        return !found.isEmpty() && EventDocuments.position(found.get(found.size() - 1)) == position;
    }

    private record Tracked(List<TrackedEventData<?>> batch, GapAwareTrackingToken token) {
    }

    /**
     * A lookup is no snapshot: it may miss a document inserted while it ran and yet find one inserted
     * after it, e.g. an aggregate's event n + 1, written once its writer saw event n stored. Delivered
     * thus, event n would come later, as a filled gap, after n + 1. So the positions the lookup missed
     * below the highest it found are looked up once more: whatever was stored before that highest
     * document is there now.
     */
    private List<Document> withLateArrivals(Collection<Long> wanted, List<Document> found) {
        if (found.isEmpty()) {
            return found;
        }
        long highest = EventDocuments.position(found.get(found.size() - 1));
        Set<Long> present = new HashSet<>();
        found.forEach(document -> present.add(EventDocuments.position(document)));
        List<Long> missed = wanted.stream().filter(position -> position < highest && !present.contains(position)).toList();
        if (missed.isEmpty()) {
            return found;
        }
        return merged(found, documents(missed));
    }

    /** Both lists of documents in one, by position. */
    private static List<Document> merged(List<Document> found, List<Document> more) {
        if (more.isEmpty()) {
            return found;
        }
        List<Document> merged = new ArrayList<>(found);
        merged.addAll(more);
        merged.sort(Comparator.comparingLong(EventDocuments::position));
        return merged;
    }

    private Tracked track(GapAwareTrackingToken start, List<Document> found, Predicate<Document> visible) {
        Instant giveUpBefore = clock.instant().minus(gapTimeout);
        GapAwareTrackingToken token = start;
        List<TrackedEventData<?>> batch = new ArrayList<>(found.size());
        for (Document document : found) {
            boolean tombstone = EventDocuments.isTombstone(document);
            if (!tombstone && !visible.test(document)) {
                continue;
            }
            long position = EventDocuments.position(document);
            boolean old = !EventDocuments.appendedAt(document).isAfter(giveUpBefore);
            if (position > token.getIndex() || token.getGaps().contains(position)) {
                token = token.advanceTo(position, maxGapOffset);
                if (old) {
                    token = token.withGapsTruncatedAt(position);
                }
                if (!tombstone) {
                    batch.add(new TrackedDomainEventData<>(token, EventDocuments.eventData(document)));
                }
            } else if (old) {
                token = token.withGapsTruncatedAt(position);
            }
        }
        return new Tracked(batch, token);
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return tokenThrough(positions.head());
    }

    /** Finds the first event stamped at or after {@code dateTime}; a rare call, so a plain query. */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Document first = events.find(Filters.gte(TIMESTAMP, Date.from(dateTime)))
                .sort(Sorts.ascending(POSITION)).projection(Projections.include(POSITION)).first();
        return first == null ? createHeadToken() : tokenThrough(EventDocuments.position(first) - 1);
    }

    /** A token that has seen every visible event up to {@code upTo}, with the missing ones as gaps. */
    private GapAwareTrackingToken tokenThrough(long upTo) {
        long safe = Math.min(safePosition(), upTo);
        long index = safe;
        List<Long> missing = new ArrayList<>();
        for (long from = safe; from < upTo; from += SCAN_CHUNK) {
            long to = Math.min(from + SCAN_CHUNK, upTo);
            Map<Long, Instant> settled = settledIn(from + 1, to, false).settled();
            for (long position = from + 1; position <= to; position++) {
                if (settled.containsKey(position)) {
                    index = position;
                } else {
                    missing.add(position);
                }
            }
        }
        long seen = index;
        missing.removeIf(position -> position >= seen);
        return GapAwareTrackingToken.newInstance(index, missing);
    }

    private static GapAwareTrackingToken gapAware(TrackingToken token) {
        if (token == null) {
            return GapAwareTrackingToken.newInstance(0, Set.of());
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("Unsupported token type " + token.getClass().getName()
                + "; this engine reads GapAwareTrackingTokens");
    }

    /** All documents at the given positions, visible or not, and tombstones, by position. */
    private List<Document> documents(Collection<Long> wanted) {
        return events.find(Filters.in(POSITION, wanted)).into(new ArrayList<>()).stream()
                .sorted(Comparator.comparingLong(EventDocuments::position))
                .toList();
    }

    private record Chunk(Map<Long, Instant> settled, List<Document> documents) {
    }

    /**
     * When each settled position (a visible event or a tombstone) was appended, with the documents read: whole when
     * {@code whole}, else only what decides their visibility.
     */
    private Chunk settledIn(long from, long to, boolean whole) {
        FindIterable<Document> lookup = events.find(Filters.in(POSITION, range(from, to)));
        List<Document> found = (whole ? lookup : lookup.projection(Projections.fields(VISIBILITY_FIELDS,
                Projections.include(APPENDED_AT)))).into(new ArrayList<>());
        Predicate<Document> visible = visibleAmong(found);
        Map<Long, Instant> settled = new HashMap<>();
        for (Document document : found) {
            if (EventDocuments.isTombstone(document) || visible.test(document)) {
                settled.put(EventDocuments.position(document), EventDocuments.appendedAt(document));
            }
        }
        return new Chunk(settled, found);
    }

    /**
     * Which of these documents are events a reader may see: not tombstones, and with their commit's
     * last event stored. A commit's last event is nearly always among them; any others cost one lookup.
     */
    private Predicate<Document> visibleAmong(Collection<Document> documents) {
        Map<Long, Document> byPosition = new HashMap<>();
        documents.forEach(document -> byPosition.put(EventDocuments.position(document), document));
        Set<Long> unknownEnds = new TreeSet<>();
        for (Document document : documents) {
            long end = EventDocuments.commitEnd(document);
            if (!byPosition.containsKey(end)) {
                unknownEnds.add(end);
            }
        }
        if (!unknownEnds.isEmpty()) {
            events.find(Filters.in(POSITION, unknownEnds)).projection(Projections.include(TOMBSTONE, COMMIT_START))
                    .forEach(document -> byPosition.put(EventDocuments.position(document), document));
        }
        return document -> !EventDocuments.isTombstone(document)
                && EventDocuments.completes(byPosition.get(EventDocuments.commitEnd(document)), document);
    }

    private static List<Long> range(long fromInclusive, long toInclusive) {
        return LongStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
    }

    /**
     * Builds a {@link SequencedMongoEventStorageEngine}. Required: {@link #database}, the event and
     * snapshot serializers. Defaults: collections {@code events}, {@code snapshots},
     * {@code eventPositions}; batch size 100; gap timeout 10 s; max gap offset 10,000; the UTC clock;
     * no metrics (a meter registry that keeps nothing).
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private String eventsCollection = "events";
        private String snapshotsCollection = "snapshots";
        private String positionsCollection = "eventPositions";
        private Duration gapTimeout = Duration.ofSeconds(10);
        private int maxGapOffset = 10_000;
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meterRegistry = new CompositeMeterRegistry();
        private CommitHook commitHook = CommitHook.NONE;

        protected Builder() {
            persistenceExceptionResolver(new MongoDuplicateKeyResolver());
        }

        public Builder database(MongoDatabase database) {
            assertNonNull(database, "The MongoDB database may not be null");
            this.database = database;
            return this;
        }

        public Builder collections(String events, String snapshots, String positions) {
            assertThat(events, name -> name != null && !name.isBlank(), "The events collection needs a name");
            assertThat(snapshots, name -> name != null && !name.isBlank(), "The snapshots collection needs a name");
            assertThat(positions, name -> name != null && !name.isBlank(), "The positions collection needs a name");
            this.eventsCollection = events;
            this.snapshotsCollection = snapshots;
            this.positionsCollection = positions;
            return this;
        }

        /** How long a reserved position may stay invisible below a later event before readers give it up. */
        public Builder gapTimeout(Duration gapTimeout) {
            assertThat(gapTimeout, timeout -> timeout != null && !timeout.isNegative(), "The gap timeout must be zero or more");
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** How far below a token's index a gap is still kept (Axon's JDBC engine uses the same name). */
        public Builder maxGapOffset(int maxGapOffset) {
            assertThat(maxGapOffset, offset -> offset > 0, "The max gap offset must be positive");
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        /** The clock that stamps appends and judges gap timeouts. */
        public Builder clock(Clock clock) {
            assertNonNull(clock, "The clock may not be null");
            this.clock = clock;
            return this;
        }

        /**
         * Where the engine reports its metrics: {@code concord.events.appended}, {@code concord.events.append}
         * (tag {@code outcome}) and {@code concord.events.safe.position}.
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            assertNonNull(meterRegistry, "The meter registry may not be null");
            this.meterRegistry = meterRegistry;
            return this;
        }

        /** What the appending process adds to each commit and learns of it; none by default. */
        public Builder commitHook(CommitHook commitHook) {
            assertNonNull(commitHook, "The commit hook may not be null");
            this.commitHook = commitHook;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        public Builder finalAggregateBatchPredicate(Predicate<List<? extends DomainEventData<?>>> finalAggregateBatchPredicate) {
            super.finalAggregateBatchPredicate(finalAggregateBatchPredicate);
            return this;
        }

        public SequencedMongoEventStorageEngine build() {
            validate();
            return new SequencedMongoEventStorageEngine(this);
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            assertNonNull(database, "The MongoDB database is a hard requirement and should be provided");
        }
    }
}
