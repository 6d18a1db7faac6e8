package org.concord.command.dispatch;

import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.concord.command.domain.RuleViolationException;
import org.concord.eventstore.IdempotentCommitLookup;
import org.concord.eventstore.IdempotentCommits;
import org.concord.web.idempotency.IdempotentRequest;
import org.concord.web.problem.FieldProblem;
import org.concord.web.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Sends commands from the web layer to the aggregates and answers with the global position of the
 * events they caused. Domain and Axon failures become the problem+json answers of API.md. Every
 * command is timed as {@code concord.commands}, tagged with its name and its {@link #outcomeOf outcome}.
 */
@Component
public class CommandDispatcher {

    private static final int RACE_RETRIES = 3;
    private static final ContextSnapshotFactory CONTEXT_SNAPSHOTS = ContextSnapshotFactory.builder().build();
    private final CommandGateway commandGateway;
    private final IdempotentCommitLookup eventStore;
    private final MeterRegistry meterRegistry;

    public CommandDispatcher(CommandGateway commandGateway, CommandBus commandBus, IdempotentCommitLookup eventStore,
                             MeterRegistry meterRegistry) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.meterRegistry = meterRegistry;
        commandBus.registerHandlerInterceptor(new AppendedPositionInterceptor());
    }

    /** The command's position in the event store, once it has been handled and its events stored. */
    public Mono<Long> dispatch(Object command) {
        return send(command).map(Dispatched::position);
    }

    /**
     * What the command's handler answered, and the position of its events, once they are stored. A
     * command that lost a race for its aggregate to another command-side instance wrote nothing, so it
     * is handled again on the new state, a few times, before the conflict reaches the caller.
     * <p>
     * Under an {@code Idempotency-Key} the command carries the key to its events, and a commit already
     * stored under it (by an attempt that died before its answer was kept, or that is still running and
     * got there first) answers instead: the command is not handled a second time. The key is looked up
     * before the command is handled and again after any refusal: an attempt still running when its retry
     * arrives may commit after the first look-up, and the retry is then refused by the key's index or by
     * the aggregate's own rules (what it asks is already done), and that commit is the answer.
     */
    public Mono<Dispatched> send(Object command) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(meterRegistry);
            return Mono.deferContextual(context -> IdempotentRequest.key(context)
                            .map(key -> sendOnce(command, key))
                            .orElseGet(() -> handle(command)))
                    .onErrorMap(CommandDispatcher::translate)
                    .doOnSuccess(dispatched -> sample.stop(commandTimer(command, "success")))
                    .doOnError(error -> sample.stop(commandTimer(command, outcomeOf(error))));
        });
    }

    private Timer commandTimer(Object command, String outcome) {
        String name = command.getClass().getSimpleName();
        return Timer.builder("concord.commands")
                .description("Commands handled, by command and outcome")
                .tag("command", name.endsWith("Command") ? name.substring(0, name.length() - "Command".length()) : name)
                .tag("outcome", outcome)
                .register(meterRegistry);
    }

    /**
     * How a failed command is counted, by the answer its caller gets: {@code conflict} for a 409 (another
     * write got there first, a stale version, or a state the command no longer fits), {@code refused} for
     * any other 4xx (a broken rule, a forbidden action, an unknown id), {@code error} for anything else.
     */
    private static String outcomeOf(Throwable translated) {
        if (translated instanceof ProblemException problem) {
            if (problem.status() == HttpStatus.CONFLICT) {
                return "conflict";
            }
            if (problem.status().is4xxClientError()) {
                return "refused";
            }
        }
        return "error";
    }

    private Mono<Dispatched> sendOnce(Object command, String key) {
        CommandMessage<?> keyed = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(IdempotentCommits.METADATA_KEY, key));
        return committedUnder(key)
                .switchIfEmpty(Mono.defer(() -> handle(keyed)))
                .onErrorResume(refused -> committedUnder(key)
                        .onErrorResume(lookUpFailed -> {
                            refused.addSuppressed(lookUpFailed);
                            return Mono.empty();
                        })
                        .switchIfEmpty(Mono.error(refused)));
    }

    private Mono<Dispatched> committedUnder(String key) {
        return Mono.fromCallable(() -> eventStore.committedUnder(key)
                        .map(outcome -> new Dispatched(outcome.result(), outcome.position(), true))
                        .orElse(null))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Handles the command on a thread of its own, in the request's trace: the trace is restored there from
     * the Reactor context, so that the command carries its id ({@link RequestTrace}) and Axon's log lines too.
     */
    private Mono<Dispatched> handle(Object command) {
        return Mono.deferContextual(context -> Mono.fromCallable(() -> {
                    try (ContextSnapshot.Scope ignored = CONTEXT_SNAPSHOTS.setThreadLocalsFrom(context)) {
                        CommandOutcome outcome = commandGateway.sendAndWait(command);
                        return new Dispatched(outcome.result(), outcome.appended().highest().orElse(-1L), false);
                    }
                }))
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(RACE_RETRIES, Duration.ofMillis(10)).filter(CommandDispatcher::lostARace)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private static boolean lostARace(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof ConcurrencyException && !(cause instanceof AggregateStreamCreationException);
    }

    /**
     * A handled command: its handler's answer and the highest global position of its events;
     * {@code repeated} when they are those of an earlier attempt under the same Idempotency-Key.
     */
    public record Dispatched(Object result, long position, boolean repeated) {
    }

    private static Throwable translate(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof RuleViolationException violation) {
            return switch (violation.kind()) {
                case INVALID -> new ProblemException(HttpStatus.BAD_REQUEST, "validation", "The request is not valid.",
                        List.of(new FieldProblem(violation.field() == null ? "body" : violation.field(), violation.getMessage())));
                case CONFLICT -> ProblemException.conflict(violation.getMessage());
                case NOT_ALLOWED -> ProblemException.forbidden(violation.getMessage());
                case NOT_FOUND -> ProblemException.notFound(violation.getMessage());
            };
        }
        if (cause instanceof AggregateNotFoundException) {
            return ProblemException.notFound("Nothing with this id exists.");
        }
        if (cause instanceof ConcurrencyException) {
            return ProblemException.conflict("Another change to the same item was recorded at the same moment; retry.");
        }
        return cause;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
