package org.concord.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.concord.eventstore.TestEngine.event;

/**
 * One Idempotency-Key names at most one commit, and a retry can find that commit's position and its
 * command's result: a second commit under the key is refused and leaves nothing visible.
 */
@ExtendWith(MongoDbExtension.class)
class IdempotentCommitTest {

    @Test
    void aCommitUnderAKeyIsFoundWithItsHighestPositionAndTheResultItsHookGave(TestMongoDatabase database) {
        List<Long> appended = new ArrayList<>();
        CommitHook hook = new CommitHook() {
            @Override
            public Object resultOf(List<? extends EventMessage<?>> commit) {
                return commit.size() * 7;
            }

            @Override
            public void appended(List<? extends EventMessage<?>> commit, long highestPosition) {
                appended.add(highestPosition);
            }
        };
        try (TestEngine store = TestEngine.open(database, hook)) {
            store.engine.appendEvents(event("before", 0));
            store.engine.appendEvents(keyed(event("a", 0), "key-1"), keyed(event("a", 1), "key-1"));

            assertThat(store.engine.committedUnder("key-1")).contains(new IdempotentCommits.Outcome(14, 3L));
            assertThat(store.engine.committedUnder("key-2")).isEmpty();
            assertThat(appended).as("the hook learns each commit's highest position").containsExactly(1L, 3L);
        }
    }

    @Test
    void aListOfStringsIsKept(TestMongoDatabase database) {
        CommitHook hook = new CommitHook() {
            @Override
            public Object resultOf(List<? extends EventMessage<?>> commit) {
                return List.of("France", "Japan");
            }
        };
        try (TestEngine store = TestEngine.open(database, hook)) {
            store.engine.appendEvents(keyed(event("a", 0), "key-1"));

            assertThat(store.engine.committedUnder("key-1")).contains(new IdempotentCommits.Outcome(List.of("France", "Japan"), 1L));
        }
    }

    @Test
    void aResultOtherThanANumberAStringOrStringsIsNotKept(TestMongoDatabase database) {
        CommitHook hook = new CommitHook() {
            @Override
            public Object resultOf(List<? extends EventMessage<?>> commit) {
                return List.of(1, "not kept");
            }
        };
        try (TestEngine store = TestEngine.open(database, hook)) {
            store.engine.appendEvents(keyed(event("a", 0), "key-1"));

            assertThat(store.engine.committedUnder("key-1")).contains(new IdempotentCommits.Outcome(null, 1L));
        }
    }

    @Test
    void aSecondCommitUnderTheSameKeyIsRefusedAndLeavesNothingVisible(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            TrackingReader reader = new TrackingReader(store.engine, null);
            store.engine.appendEvents(keyed(event("first", 0), "key-1"));

            assertThatThrownBy(() -> store.engine.appendEvents(keyed(event("retry", 0), "key-1"), keyed(event("retry", 1), "key-1")))
                    .isInstanceOf(IdempotencyKeyCommittedException.class);
            store.engine.appendEvents(event("after", 0));

            assertThat(texts(reader.poll())).containsExactly("first#0", "after#0");
            assertThat(store.engine.lastSequenceNumberFor("retry")).isEmpty();
            assertThat(store.engine.committedUnder("key-1")).contains(new IdempotentCommits.Outcome(null, 1L));
        }
    }

    @Test
    void twoProcessesCommittingUnderOneKeyStoreOneCommit(TestMongoDatabase database) {
        try (TestEngine first = TestEngine.open(database); TestEngine second = TestEngine.open(database)) {
            first.engine.appendEvents(keyed(event("first", 0), "key-1"));

            assertThatThrownBy(() -> second.engine.appendEvents(keyed(event("second", 0), "key-1")))
                    .isInstanceOf(IdempotencyKeyCommittedException.class);
            assertThat(texts(new TrackingReader(second.engine, null).poll())).containsExactly("first#0");
        }
    }

    @Test
    void commitsWithoutAKeyAreUnaffected(TestMongoDatabase database) {
        try (TestEngine store = TestEngine.open(database)) {
            store.engine.appendEvents(event("a", 0));
            store.engine.appendEvents(event("b", 0));

            assertThat(texts(new TrackingReader(store.engine, null).poll())).containsExactly("a#0", "b#0");
        }
    }

    private static DomainEventMessage<Noted> keyed(DomainEventMessage<Noted> event, String key) {
        return event.andMetaData(MetaData.from(Map.of(IdempotentCommits.METADATA_KEY, key)));
    }

    private static List<String> texts(List<TrackedEventMessage<?>> events) {
        return events.stream().map(e -> ((Noted) e.getPayload()).text()).toList();
    }
}
