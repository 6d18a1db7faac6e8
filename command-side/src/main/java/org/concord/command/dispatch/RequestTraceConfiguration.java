package org.concord.command.dispatch;

import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Carries the trace id of each request from its command into its events ({@link RequestTrace}). */
@Configuration(proxyBeanMethods = false)
class RequestTraceConfiguration {

    @Bean
    RequestTrace requestTrace(CommandBus commandBus, ObjectProvider<Tracer> tracer) {
        RequestTrace trace = new RequestTrace(tracer.getIfAvailable(() -> Tracer.NOOP));
        commandBus.registerDispatchInterceptor(trace);
        return trace;
    }

    @Bean
    CorrelationDataProvider requestTraceProvider() {
        return new SimpleCorrelationDataProvider(RequestTrace.METADATA_KEY);
    }
}
