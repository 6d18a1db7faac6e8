package org.concord.command.dispatch;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Puts the trace id of the request that sends a command into the command's metadata, from where Axon
 * copies it into every event the command causes ({@link RequestTraceConfiguration}): an operator who
 * finds an event can find the request, and its log lines in every service, by that id.
 */
public final class RequestTrace implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** The metadata key; Axon's own {@code traceId} names the first message of a chain, not the request. */
    public static final String METADATA_KEY = "requestTraceId";

    private final Tracer tracer;

    public RequestTrace(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Span span = tracer.currentSpan();
            String traceId = span == null ? "" : span.context().traceId();
            return traceId.isEmpty() ? command : command.andMetaData(Map.of(METADATA_KEY, traceId));
        };
    }
}
