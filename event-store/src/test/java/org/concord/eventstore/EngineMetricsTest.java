package org.concord.eventstore;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.modelling.command.ConcurrencyException;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.concord.eventstore.TestEngine.event;

/** What the engine tells an operator: events appended, each append's time and outcome, the safe position. */
@ExtendWith(MongoDbExtension.class)
class EngineMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void appended_events_are_counted_and_each_append_is_timed_as_a_success(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database, registry)) {
            store.engine.appendEvents(event("a", 0), event("a", 1));
            store.engine.appendEvents(event("b", 0));

            assertThat(registry.get("concord.events.appended").counter().count()).isEqualTo(3);
            assertThat(registry.get("concord.events.append").tag("outcome", "success").timer().count()).isEqualTo(2);
            assertThat(registry.get("concord.events.append").tag("outcome", "error").timer().count()).isZero();
        }
    }

    @Test
    void an_append_refused_by_the_optimistic_lock_is_timed_as_an_error_and_counts_no_event(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database, registry)) {
            store.engine.appendEvents(event("a", 0), event("a", 1));

            assertThatThrownBy(() -> store.engine.appendEvents(event("a", 1), event("a", 2)))
                    .isInstanceOf(ConcurrencyException.class);

            assertThat(registry.get("concord.events.appended").counter().count()).isEqualTo(2);
            assertThat(registry.get("concord.events.append").tag("outcome", "error").timer().count()).isEqualTo(1);
            assertThat(registry.get("concord.events.append").tag("outcome", "success").timer().count()).isEqualTo(1);
        }
    }

    @Test
    void the_safe_position_gauge_reads_the_safe_position_of_the_store(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database, registry)) {
            store.engine.appendEvents(event("a", 0), event("a", 1), event("a", 2));

            assertThat(registry.get("concord.events.safe.position").gauge().value()).isEqualTo(3);
        }
    }
}
