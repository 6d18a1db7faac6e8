package org.concord.eventstore;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Identifiers are version 7 UUIDs whose text sorts in the order they were made, and Axon uses them for every message. */
class TimeOrderedIdentifierFactoryTest {

    private final TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();

    @Test
    void identifiersAreVersion7UuidsInTheirCanonicalText() {
        String identifier = factory.generateIdentifier();

        UUID parsed = UUID.fromString(identifier);
        assertThat(parsed.version()).isEqualTo(7);
        assertThat(parsed.variant()).isEqualTo(2);
        assertThat(parsed.toString()).isEqualTo(identifier);
    }

    @Test
    void identifiersSortAsTextInTheOrderTheyWereMadeEvenManyInOneMillisecond() {
        List<String> made = IntStream.range(0, 20_000).mapToObj(i -> factory.generateIdentifier()).toList();

        assertThat(made).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(Set.copyOf(made)).hasSize(made.size());
    }

    @Test
    void identifiersMadeOnManyThreadsAtOnceAreAllDifferent() throws Exception {
        Set<String> made = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> makers = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                makers.add(pool.submit(() -> IntStream.range(0, 5_000).forEach(i -> made.add(factory.generateIdentifier()))));
            }
            for (Future<?> maker : makers) {
                maker.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(made).hasSize(8 * 5_000);
    }

    @Test
    void axonGivesEveryNewMessageOneOfTheseIdentifiers() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        String identifier = new GenericDomainEventMessage<>("Note", "a", 0, new Noted("a#0")).getIdentifier();
        assertThat(UUID.fromString(identifier).version()).isEqualTo(7);
    }
}
