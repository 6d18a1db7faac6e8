package org.concord.web.identity;

import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** For a service behind the gateway: verify the caller header and hand the caller to controllers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalSecretProperties.class)
public class CallerIdentityConfiguration implements WebFluxConfigurer {

    @Bean
    public CallerIdentityCodec callerIdentityCodec(InternalSecretProperties properties, JsonMapper jsonMapper) {
        return new CallerIdentityCodec(properties.secret(), jsonMapper, Clock.systemUTC());
    }

    @Bean
    public CallerIdentityWebFilter callerIdentityWebFilter(CallerIdentityCodec codec, ProblemDetailsExceptionHandler problems) {
        return new CallerIdentityWebFilter(codec, problems);
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new CallerIdentityArgumentResolver());
    }
}
