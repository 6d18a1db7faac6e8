package org.concord.command.dispatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.concord.command.domain.RuleViolationException;
import org.concord.eventstore.IdempotentCommitLookup;
import org.concord.eventstore.IdempotentCommits;
import org.concord.web.idempotency.IdempotentRequest;
import org.concord.web.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command retried under its {@code Idempotency-Key} while its first attempt still runs: when the first attempt
 * commits between the retry's look-up of the key and the retry's own handling, the retry is refused by the
 * aggregate's rules (the change is already there), and the first attempt's commit is the answer.
 */
class KeyedCommandRetryTest {

    private static final String KEY = "digest-of-caller-key-and-request";
    private final Map<String, IdempotentCommits.Outcome> committed = new ConcurrentHashMap<>();
    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    private IdempotentCommitLookup lookup = key -> Optional.ofNullable(committed.get(key));

    /** A command whose handler does what the test says. */
    record SupportAmendmentCommand(Supplier<Object> handler) {
    }

    KeyedCommandRetryTest() {
        commandBus.subscribe(SupportAmendmentCommand.class.getName(),
                message -> ((SupportAmendmentCommand) message.getPayload()).handler().get());
    }

    @Test
    void a_retry_refused_because_its_first_attempt_committed_meanwhile_answers_with_that_commit() {
        Mono<CommandDispatcher.Dispatched> retry = sendKeyed(() -> {
            committed.put(KEY, new IdempotentCommits.Outcome(null, 41L));
            throw RuleViolationException.conflict("You already support this amendment.");
        });

        StepVerifier.create(retry)
                .assertNext(answer -> assertThat(answer).isEqualTo(new CommandDispatcher.Dispatched(null, 41L, true)))
                .verifyComplete();
    }

    @Test
    void a_refusal_with_nothing_committed_under_the_key_is_the_answer() {
        Mono<CommandDispatcher.Dispatched> refused = sendKeyed(() -> {
            throw RuleViolationException.conflict("You already support this amendment.");
        });

        assertRefusedWith(refused, HttpStatus.CONFLICT);
    }

    @Test
    void a_refusal_is_the_answer_when_the_key_cannot_be_looked_up_again() {
        AtomicBoolean lookedUp = new AtomicBoolean();
        lookup = key -> {
            if (lookedUp.getAndSet(true)) {
                throw new IllegalStateException("the event store is unreachable");
            }
            return Optional.empty();
        };

        Mono<CommandDispatcher.Dispatched> refused = sendKeyed(() -> {
            throw RuleViolationException.notAllowed("Only a participant of this consultation may support.");
        });

        assertRefusedWith(refused, HttpStatus.FORBIDDEN);
    }

    private static void assertRefusedWith(Mono<CommandDispatcher.Dispatched> refused, HttpStatus status) {
        StepVerifier.create(refused)
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(ProblemException.class,
                        problem -> assertThat(problem.status()).isEqualTo(status)))
                .verify();
    }

    private Mono<CommandDispatcher.Dispatched> sendKeyed(Supplier<Object> handler) {
        CommandDispatcher dispatcher = new CommandDispatcher(DefaultCommandGateway.builder().commandBus(commandBus).build(),
                commandBus, key -> lookup.committedUnder(key), new SimpleMeterRegistry());
        return dispatcher.send(new SupportAmendmentCommand(handler))
                .contextWrite(context -> IdempotentRequest.withKey(context, KEY));
    }
}
