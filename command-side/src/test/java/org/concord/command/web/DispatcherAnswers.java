package org.concord.command.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.concord.command.dispatch.CommandDispatcher;
import reactor.core.publisher.Mono;

/**
 * What a mocked {@link CommandDispatcher} answers in the controller tests when a command fails: what the real one
 * answers, since it is the real one that turns the failure into the answer (a ProblemException for a broken rule).
 */
public final class DispatcherAnswers {

    private DispatcherAnswers() {
    }

    /** {@link CommandDispatcher#dispatch}'s answer to a command whose handler throws {@code failure}. */
    public static Mono<Long> dispatchFailing(RuntimeException failure) {
        return sendFailing(failure).map(CommandDispatcher.Dispatched::position);
    }

    /** {@link CommandDispatcher#send}'s answer to a command whose handler throws {@code failure}. */
    public static Mono<CommandDispatcher.Dispatched> sendFailing(RuntimeException failure) {
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        commandBus.subscribe(FailingCommand.class.getName(), message -> {
            throw failure;
        });
        CommandDispatcher dispatcher = new CommandDispatcher(DefaultCommandGateway.builder().commandBus(commandBus).build(),
                commandBus, null, new SimpleMeterRegistry());
        return dispatcher.send(new FailingCommand());
    }

    /** {@link CommandDispatcher#send}'s answer to a command handled as the first of its kind, answering {@code result}. */
    public static Mono<CommandDispatcher.Dispatched> handled(Object result, long position) {
        return Mono.just(new CommandDispatcher.Dispatched(result, position, false));
    }

    private record FailingCommand() {
    }
}
