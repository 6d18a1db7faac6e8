package org.concord.command.dispatch;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.concord.web.problem.FieldProblem;
import org.concord.web.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Sends commands from the web layer to the aggregates and answers with the global position of the
 * events they caused. Domain and Axon failures become the problem+json answers of API.md.
 */
@Component
public class CommandDispatcher {

    private static final int RACE_RETRIES = 3;
    private final CommandGateway commandGateway;

    public CommandDispatcher(CommandGateway commandGateway, CommandBus commandBus) {
        this.commandGateway = commandGateway;
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
     */
    public Mono<Dispatched> send(Object command) {
        return Mono.fromCallable(() -> {
                    CommandOutcome outcome = commandGateway.sendAndWait(command);
                    return new Dispatched(outcome.result(), outcome.appended().highest().orElse(-1L));
                })
                .subscribeOn(Schedulers.boundedElastic())
                .retryWhen(Retry.backoff(RACE_RETRIES, Duration.ofMillis(10)).filter(CommandDispatcher::lostARace)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()))
                .onErrorMap(CommandDispatcher::translate);
    }

    private static boolean lostARace(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof ConcurrencyException && !(cause instanceof AggregateStreamCreationException);
    }

    /** A handled command: its handler's answer and the highest global position of its events. */
    public record Dispatched(Object result, long position) {
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
