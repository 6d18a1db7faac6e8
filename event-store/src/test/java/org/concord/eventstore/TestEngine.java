package org.concord.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.testing.TestMongoDatabase;

import java.time.Clock;
import java.time.Duration;

/** An engine with its own MongoClient, as one process would have, on a test database. */
final class TestEngine implements AutoCloseable {

    static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();

    final MongoClient client;
    final MongoDatabase database;
    final SequencedMongoEventStorageEngine engine;

    private TestEngine(TestMongoDatabase database, Clock clock, Duration gapTimeout, MeterRegistry meterRegistry, CommitHook hook) {
        this(MongoClients.create(database.uri()), database, clock, gapTimeout, meterRegistry, hook);
    }

    private TestEngine(MongoClient client, TestMongoDatabase database, Clock clock, Duration gapTimeout, MeterRegistry meterRegistry,
                       CommitHook hook) {
        this.client = client;
        this.database = client.getDatabase(database.name());
        this.engine = SequencedMongoEventStorageEngine.builder()
                .database(this.database)
                .eventSerializer(SERIALIZER)
                .snapshotSerializer(SERIALIZER)
                .clock(clock)
                .gapTimeout(gapTimeout)
                .meterRegistry(meterRegistry)
                .commitHook(hook)
                .build();
    }

    static TestEngine open(TestMongoDatabase database) {
        return new TestEngine(database, Clock.systemUTC(), Duration.ofSeconds(10), new CompositeMeterRegistry(), CommitHook.NONE);
    }

    static TestEngine open(TestMongoDatabase database, MeterRegistry meterRegistry) {
        return new TestEngine(database, Clock.systemUTC(), Duration.ofSeconds(10), meterRegistry, CommitHook.NONE);
    }

    static TestEngine open(TestMongoDatabase database, CommitHook hook) {
        return new TestEngine(database, Clock.systemUTC(), Duration.ofSeconds(10), new CompositeMeterRegistry(), hook);
    }

    static TestEngine open(TestMongoDatabase database, Clock clock, Duration gapTimeout) {
        return new TestEngine(database, clock, gapTimeout, new CompositeMeterRegistry(), CommitHook.NONE);
    }

    /** An engine whose client tells {@code listener} of every command it sends. */
    static TestEngine open(TestMongoDatabase database, Clock clock, Duration gapTimeout, CommandListener listener) {
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(database.uri()))
                .addCommandListener(listener)
                .build());
        return new TestEngine(client, database, clock, gapTimeout, new CompositeMeterRegistry(), CommitHook.NONE);
    }

    static DomainEventMessage<Noted> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Note", aggregate, sequence, new Noted(aggregate + "#" + sequence));
    }

    @Override
    public void close() {
        client.close();
    }
}
