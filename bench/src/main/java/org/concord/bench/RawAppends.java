package org.concord.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.concord.eventstore.IdempotentCommits;
import org.concord.eventstore.RawEventLog.StoredEvent;
import org.concord.eventstore.SequencedMongoEventStorageEngine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The store's own append rate for the events a load recorded (issue #17 compares writes/s with it, for the same mix,
 * in the same run). The events at the acknowledged writes' positions are read back and appended again with Concord's
 * storage engine, one commit each under an idempotency key of its own as the command side commits them, into a scratch
 * database on the same MongoDB server, dropped afterwards. Each aggregate's events are numbered again from 0 in their
 * order and appended by one of {@code threads} threads, an aggregate always by the same one (the command side appends
 * an aggregate's events one at a time too); the rest of their metadata is not copied.
 */
final class RawAppends {

    private static final int READ_PAGE = 1_000;

    /** How many events were appended, and in how long. */
    record Result(int events, double seconds, int threads) {
        double perSecond() {
            return events / seconds;
        }
    }

    private RawAppends() {
    }

    static Result run(String mongodbUri, Collection<Long> positions, int threads) throws InterruptedException, ExecutionException {
        Serializer serializer = StoreFill.eventSerializer();
        try (MongoClient client = StoreFill.quickClient(mongodbUri)) {
            List<StoredEvent> stored = read(StoreFill.engine(client.getDatabase(StoreFill.databaseName(mongodbUri))), positions);
            List<List<GenericDomainEventMessage<?>>> byThread = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                byThread.add(new ArrayList<>());
            }
            Map<String, Long> nextSequence = new HashMap<>();
            for (StoredEvent event : stored) {
                Object payload = serializer.deserialize(new SimpleSerializedObject<>(event.payload(), byte[].class,
                        event.payloadType(), event.payloadRevision()));
                long sequence = nextSequence.merge(event.aggregateIdentifier(), 1L, Long::sum) - 1;
                byThread.get(Math.floorMod(event.aggregateIdentifier().hashCode(), threads)).add(new GenericDomainEventMessage<>(
                        event.aggregateType(), event.aggregateIdentifier(), sequence, payload,
                        MetaData.with(IdempotentCommits.METADATA_KEY, UUID.randomUUID().toString())));
            }
            MongoDatabase scratch = client.getDatabase("concord_raw_appends_" + System.currentTimeMillis());
            try {
                SequencedMongoEventStorageEngine engine = StoreFill.engine(scratch);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    long start = System.nanoTime();
                    List<Future<?>> appending = new ArrayList<>();
                    for (List<GenericDomainEventMessage<?>> events : byThread) {
                        appending.add(pool.submit(() -> events.forEach(event -> engine.appendEvents(List.of(event)))));
                    }
                    for (Future<?> done : appending) {
                        done.get();
                    }
                    return new Result(stored.size(), (System.nanoTime() - start) / 1e9, threads);
                } finally {
                    pool.shutdownNow();
                }
            } finally {
                scratch.drop();
            }
        }
    }

    /** The stored events at {@code positions}, in the order of their positions. */
    private static List<StoredEvent> read(SequencedMongoEventStorageEngine engine, Collection<Long> positions) {
        List<Long> sorted = positions.stream().sorted().toList();
        List<StoredEvent> events = new ArrayList<>(sorted.size());
        for (int from = 0; from < sorted.size(); from += READ_PAGE) {
            List<StoredEvent> page = new ArrayList<>(engine.readRawEvents(sorted.subList(from, Math.min(sorted.size(), from + READ_PAGE))));
            page.sort(Comparator.comparingLong(StoredEvent::position));
            events.addAll(page);
        }
        return events;
    }
}
