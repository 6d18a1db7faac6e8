package org.concord.command.deadline;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deadlines kept in MongoDB: each fires once across command sides, after a restart too, and not once cancelled. */
@ExtendWith(MongoDbExtension.class)
class MongoDeadlineManagerTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private final List<String> fired = Collections.synchronizedList(new ArrayList<>());
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void connect(TestMongoDatabase test) {
        client = MongoClients.create(test.uri());
        database = client.getDatabase(test.name());
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void a_due_deadline_fires_its_payload_to_the_scope_it_was_scheduled_in() {
        MongoDeadlineManager deadlines = manager();
        deadlines.schedule(Instant.now().minusSeconds(1), "silenceProcedure", "proc-1", consultation("c-1"));

        assertThat(deadlines.fireDueDeadlines()).isEqualTo(1);
        assertThat(fired).containsExactly("c-1:silenceProcedure:proc-1");
        assertThat(deadlines.fireDueDeadlines()).as("a fired deadline is done").isZero();
    }

    @Test
    void a_deadline_not_yet_due_does_not_fire() {
        MongoDeadlineManager deadlines = manager();
        deadlines.schedule(Instant.now().plusSeconds(3600), "silenceProcedure", "proc-1", consultation("c-1"));

        assertThat(deadlines.fireDueDeadlines()).isZero();
        assertThat(fired).isEmpty();
    }

    @Test
    void two_command_sides_on_one_database_fire_each_deadline_once() {
        MongoDeadlineManager one = manager();
        MongoDeadlineManager other = manager();
        for (int i = 0; i < 30; i++) {
            (i % 2 == 0 ? one : other).schedule(Instant.now().minusSeconds(1), "silenceProcedure", "proc-" + i, consultation("c-" + i));
        }

        CompletableFuture<Integer> byOne = CompletableFuture.supplyAsync(one::fireDueDeadlines);
        CompletableFuture<Integer> byOther = CompletableFuture.supplyAsync(other::fireDueDeadlines);

        assertThat(byOne.join() + byOther.join()).isEqualTo(30);
        assertThat(fired).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void a_new_instance_fires_what_the_old_one_scheduled_before_it_stopped() {
        MongoDeadlineManager before = manager();
        before.schedule(Instant.now().minusSeconds(1), "silenceProcedure", "proc-1", consultation("c-1"));
        before.shutdown();

        assertThat(manager().fireDueDeadlines()).isEqualTo(1);
        assertThat(fired).containsExactly("c-1:silenceProcedure:proc-1");
    }

    @Test
    void a_deadline_claimed_by_a_command_side_that_died_fires_once_its_lease_ran_out() {
        MongoDeadlineManager deadlines = manager();
        String held = deadlines.schedule(Instant.now().minusSeconds(1), "silenceProcedure", "held", consultation("c-1"));
        String abandoned = deadlines.schedule(Instant.now().minusSeconds(1), "silenceProcedure", "abandoned", consultation("c-2"));
        claim(held, Instant.now().plus(LEASE));
        claim(abandoned, Instant.now().minusSeconds(1));

        assertThat(deadlines.fireDueDeadlines()).isEqualTo(1);
        assertThat(fired).containsExactly("c-2:silenceProcedure:abandoned");
    }

    @Test
    void a_cancelled_deadline_does_not_fire() {
        MongoDeadlineManager deadlines = manager();
        String cancelled = deadlines.schedule(Instant.now().minusSeconds(1), "silenceProcedure", "proc-1", consultation("c-1"));
        deadlines.schedule(Instant.now().minusSeconds(1), "silenceProcedure", "proc-2", consultation("c-2"));
        deadlines.schedule(Instant.now().minusSeconds(1), "silenceProcedure", "proc-3", consultation("c-3"));
        deadlines.schedule(Instant.now().minusSeconds(1), "otherDeadline", "other", consultation("c-3"));

        deadlines.cancelSchedule("silenceProcedure", cancelled);
        deadlines.cancelAllWithinScope("silenceProcedure", consultation("c-3"));

        assertThat(manager().fireDueDeadlines()).isEqualTo(2);
        assertThat(fired).containsExactlyInAnyOrder("c-2:silenceProcedure:proc-2", "c-3:otherDeadline:other");
    }

    @Test
    void cancel_all_cancels_every_deadline_of_that_name() {
        MongoDeadlineManager deadlines = manager();
        deadlines.schedule(Instant.now().minusSeconds(1), "silenceProcedure", "proc-1", consultation("c-1"));
        deadlines.schedule(Instant.now().minusSeconds(1), "silenceProcedure", "proc-2", consultation("c-2"));

        deadlines.cancelAll("silenceProcedure");

        assertThat(deadlines.fireDueDeadlines()).isZero();
    }

    @Test
    void a_started_manager_fires_a_due_deadline_on_its_own() {
        MongoDeadlineManager deadlines = manager();
        deadlines.schedule(Instant.now().minusSeconds(1), "silenceProcedure", "proc-1", consultation("c-1"));
        deadlines.start();
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> !fired.isEmpty());
        } finally {
            deadlines.shutdown();
        }
        assertThat(fired).containsExactly("c-1:silenceProcedure:proc-1");
    }

    private void claim(String scheduleId, Instant until) {
        database.getCollection(MongoDeadlineManager.COLLECTION).updateOne(Filters.eq("_id", scheduleId),
                Updates.combine(Updates.set("claimedBy", "a command side that died"), Updates.set("claimedUntil", Date.from(until))));
    }

    private MongoDeadlineManager manager() {
        return new MongoDeadlineManager(database, new RecordingScopes(), JacksonSerializer.defaultSerializer(),
                NoTransactionManager.INSTANCE, Duration.ofMillis(20), LEASE, Clock.systemUTC());
    }

    private static ScopeDescriptor consultation(String id) {
        return new AggregateScopeDescriptor("Consultation", id);
    }

    /** Every consultation as a scope that notes the deadlines it receives. */
    private final class RecordingScopes implements ScopeAwareProvider, ScopeAware {

        @Override
        public Stream<ScopeAware> provideScopeAwareStream(ScopeDescriptor scope) {
            return Stream.of(this);
        }

        @Override
        public boolean canResolve(ScopeDescriptor scope) {
            return scope instanceof AggregateScopeDescriptor;
        }

        @Override
        public void send(Message<?> message, ScopeDescriptor scope) {
            DeadlineMessage<?> deadline = (DeadlineMessage<?>) message;
            fired.add(((AggregateScopeDescriptor) scope).getIdentifier() + ":" + deadline.getDeadlineName() + ":" + deadline.getPayload());
        }
    }
}
