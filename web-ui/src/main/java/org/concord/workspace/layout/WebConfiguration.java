package org.concord.workspace.layout;

import org.concord.workspace.api.Caller;
import org.concord.workspace.session.Sessions;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;
import reactor.core.publisher.Mono;

/**
 * The language of each request ({@link Languages}), and what a handler may ask for besides Spring's own
 * arguments: the {@link Caller} and the {@link Formats} of the page's language.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebFluxConfigurer {

    private final MessageSource messages;

    WebConfiguration(MessageSource messages) {
        this.messages = messages;
    }

    @Bean(name = "localeContextResolver")
    LocaleContextResolver localeContextResolver() {
        return new Languages();
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class;
            }

            @Override
            public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
                return Sessions.caller(exchange).cast(Object.class);
            }
        });
        configurer.addCustomResolver(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Formats.class;
            }

            @Override
            public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
                return Mono.just(new Formats(Languages.resolve(exchange), messages));
            }
        });
    }
}
