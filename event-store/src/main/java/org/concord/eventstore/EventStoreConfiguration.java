package org.concord.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;

/**
 * All of Axon's storage wiring in one place: the event storage engine and the token store, both on
 * the service's MongoDB database. Swapping the storage engine touches only this class.
 */
@Configuration(proxyBeanMethods = false)
@Import(MongoConfiguration.class)
@EnableConfigurationProperties(EventStoreProperties.class)
public class EventStoreConfiguration {

    /** Named so that Axon's serializers use it instead of a default of their own (AxonAutoConfiguration). */
    @Bean
    public ObjectMapper defaultAxonObjectMapper() {
        return EventPayloadMapper.create();
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoClient client, MongoDatabase concordDatabase) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(client, concordDatabase.getName())
                .build();
    }

    @Bean
    public SequencedMongoEventStorageEngine eventStorageEngine(MongoDatabase concordDatabase,
                                                               EventStoreProperties properties,
                                                               @Qualifier("eventSerializer") Serializer eventSerializer,
                                                               @Qualifier("defaultAxonObjectMapper") ObjectMapper payloadMapper,
                                                               ObjectProvider<MeterRegistry> meterRegistry,
                                                               ObjectProvider<CommitHook> commitHook,
                                                               ObjectProvider<SnapshotFilter> snapshotFilters) {
        SequencedMongoEventStorageEngine.Builder builder = SequencedMongoEventStorageEngine.builder();
        meterRegistry.ifAvailable(builder::meterRegistry);
        commitHook.ifAvailable(builder::commitHook);
        // the services' filters, e.g. the command side's that passes over snapshots of an aggregate's older shape
        builder.snapshotFilter(snapshotFilters.orderedStream().reduce(SnapshotFilter.allowAll(), SnapshotFilter::combine));
        return builder
                .database(concordDatabase)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(SnapshotSerializer.of(payloadMapper))
                .batchSize(properties.batchSize())
                .gapTimeout(properties.gapTimeout())
                .build();
    }

    /**
     * Axon's event store over the engine, made as Axon's auto-configuration makes it, but looking for new events
     * in the storage every {@code fetchDelay} while a processor waits for them, instead of Axon's 1 s: the events
     * are appended by the command side's process, so the query side's processors learn of them only by looking.
     * At 1 s a read waiting for its own write ({@code minPosition}) took 0.5 to 0.9 s; see docs/benchmarks.md.
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine eventStorageEngine, org.axonframework.config.Configuration configuration,
                                         EventStoreProperties properties) {
        return EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.fetchDelay().toMillis())
                .build();
    }

    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, @Qualifier("serializer") Serializer serializer,
                                 EventStoreProperties properties) {
        return buildTokenStore(tokenStoreBuilder(axonMongoTemplate, serializer, properties), properties.tokenClaimTimeout());
    }

    /** A failing event handler's event is tried again, never skipped ({@link HandlerFailuresRetried}). */
    @Bean
    public ConfigurerModule handlerFailuresRetried() {
        return HandlerFailuresRetried.everywhere();
    }

    /** The projections' progress as stored, read without claiming a segment. */
    @Bean
    public StoredTokens storedTokens(MongoTemplate axonMongoTemplate, @Qualifier("serializer") Serializer serializer) {
        return new StoredTokens(axonMongoTemplate, serializer);
    }

    /**
     * The MongoDB token store as every service configures it, still open so that a test can give each of two stores
     * in one JVM its own owner name, as two processes have (the node id defaults to the JVM's name).
     */
    static MongoTokenStore.Builder tokenStoreBuilder(MongoTemplate axonMongoTemplate, Serializer serializer,
                                                     EventStoreProperties properties) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .claimTimeout(properties.tokenClaimTimeout());
    }

    /** The token store every service uses: the one {@code mongoTokenStore} builds, refusing stale segment claims. */
    static TokenStore buildTokenStore(MongoTokenStore.Builder mongoTokenStore, Duration claimTimeout) {
        return new SegmentCheckingTokenStore(mongoTokenStore.build(), claimTimeout);
    }
}
