package org.concord.eventstore;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A projection whose write fails (the database down a moment) gets the event again and records it, where Axon's
 * default went on to the next event and the read model missed it for good.
 */
class HandlerFailuresRetriedTest {

    @Test
    void an_event_whose_handler_failed_is_handled_again_not_skipped() {
        Projection projection = new Projection();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(configuration -> new InMemoryEventStorageEngine())
                .registerComponent(TokenStore.class, configuration -> new InMemoryTokenStore())
                .eventProcessing(processing -> processing.registerPooledStreamingEventProcessor("comments")
                        .registerEventHandler(configuration -> projection));
        HandlerFailuresRetried.everywhere().configureModule(configurer);
        Configuration axon = configurer.buildConfiguration();
        axon.start();
        try {
            axon.eventBus().publish(TestEngine.event("comment-1", 0), TestEngine.event("comment-2", 0));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(projection.recorded).containsExactlyInAnyOrder("comment-1", "comment-2"));
            assertThat(projection.attempts.get()).as("the failed event tried again").isGreaterThan(2);
        } finally {
            axon.shutdown();
        }
    }

    /** Fails its first write, as a projection does while its database is unreachable. */
    @ProcessingGroup("comments")
    static final class Projection {
        final List<String> recorded = new CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();

        @EventHandler
        void on(Noted noted, DomainEventMessage<?> message) {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("the database is not reachable");
            }
            if (!recorded.contains(message.getAggregateIdentifier())) {
                recorded.add(message.getAggregateIdentifier());
            }
        }
    }
}
