package org.concord.command.consultation.command;

import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.concord.eventstore.AggregateStreams;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consultations' repository: Axon's event-sourcing repository with its snapshots, keeping up to
 * {@code concord.cache.consultations} consultations (default 100) in memory between commands, each checked for
 * changes made elsewhere when it is taken ({@link CachedConsultations}). A consultation with thousands of
 * amendments is a large object graph, so the bound is a count of consultations, kept small: a process
 * negotiates few texts at a time.
 */
@Configuration(proxyBeanMethods = false)
class ConsultationRepositoryConfiguration {

    private static final String CACHE = "consultations";

    @Bean(destroyMethod = "close")
    CacheManager consultationCacheManager(@Value("${concord.cache.consultations:100}") long consultations) {
        return CacheManagerBuilder.newCacheManagerBuilder()
                .withCache(CACHE, CacheConfigurationBuilder.newCacheConfigurationBuilder(Object.class, Object.class,
                        ResourcePoolsBuilder.heap(consultations)))
                .build(true);
    }

    @Bean
    Repository<Consultation> consultationRepository(EventStore eventStore, CacheManager consultationCacheManager,
                                                    @Qualifier("consultationSnapshotTrigger") SnapshotTriggerDefinition snapshotTrigger,
                                                    AggregateStreams streams,
                                                    org.axonframework.config.Configuration axon) {
        EventSourcingRepository.Builder<Consultation> builder = EventSourcingRepository.builder(Consultation.class)
                .eventStore(eventStore)
                .cache(new EhCache3Adapter((Ehcache<Object, Object>) consultationCacheManager.getCache(CACHE, Object.class, Object.class)))
                .snapshotTriggerDefinition(snapshotTrigger)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(Consultation.class))
                .repositoryProvider(axon::repository)
                .spanFactory(axon.getComponent(RepositorySpanFactory.class));
        return new CachedConsultations(builder, streams);
    }
}
