package org.concord.command.dispatch;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.concord.command.domain.RuleViolationException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command dispatched is timed under its name, by the outcome its caller sees. */
class CommandMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    private final CommandDispatcher dispatcher = new CommandDispatcher(
            DefaultCommandGateway.builder().commandBus(commandBus).build(), commandBus, null, registry);

    /** A command whose handler does what the test says. */
    record ProposeThingCommand(Supplier<Object> handler) {
    }

    CommandMetricsTest() {
        commandBus.subscribe(ProposeThingCommand.class.getName(),
                message -> ((ProposeThingCommand) message.getPayload()).handler().get());
    }

    @Test
    void a_handled_command_counts_as_success_under_its_name_without_the_command_suffix() {
        StepVerifier.create(dispatcher.send(new ProposeThingCommand(() -> "done"))).expectNextCount(1).verifyComplete();

        assertThat(count("success")).isEqualTo(1);
        assertThat(registry.find("concord.commands").tag("command", "ProposeThingCommand").timer()).isNull();
    }

    @Test
    void a_broken_rule_answered_4xx_counts_as_refused() {
        fail(() -> {
            throw RuleViolationException.notAllowed("Only a drafter may do this.");
        });
        fail(() -> {
            throw RuleViolationException.invalid("title", "must not be blank");
        });

        assertThat(count("refused")).isEqualTo(2);
        assertThat(count("conflict") + count("error") + count("success")).isZero();
    }

    @Test
    void a_command_answered_409_counts_as_conflict() {
        fail(() -> {
            throw new ConcurrencyException("another process appended first");
        });
        fail(() -> {
            throw RuleViolationException.conflict("The text has changed since version 2.");
        });

        assertThat(count("conflict")).isEqualTo(2);
        assertThat(count("refused")).isZero();
    }

    @Test
    void any_other_failure_counts_as_error() {
        fail(() -> {
            throw new IllegalStateException("a defect");
        });

        assertThat(count("error")).isEqualTo(1);
    }

    private void fail(Supplier<Object> handler) {
        StepVerifier.create(dispatcher.send(new ProposeThingCommand(handler))).expectError().verify();
    }

    private long count(String outcome) {
        var timer = registry.find("concord.commands").tag("command", "ProposeThing").tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }
}
