package org.concord.command.dispatch;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.concord.eventstore.IdempotentCommits;
import org.concord.web.idempotency.IdempotentRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Carries a request's {@code Idempotency-Key} from the command into its events (see
 * {@link IdempotentCommits}), and hands controllers the {@link NewIds} of the request.
 */
@Configuration(proxyBeanMethods = false)
class IdempotentCommandsConfiguration implements WebFluxConfigurer {

    /** Axon's default provider, which a provider of our own would otherwise replace. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider idempotencyKeyProvider() {
        return new SimpleCorrelationDataProvider(IdempotentCommits.METADATA_KEY);
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == NewIds.class;
            }

            @Override
            public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
                return Mono.just(new NewIds(IdempotentRequest.key(exchange).orElse(null)));
            }
        });
    }
}
