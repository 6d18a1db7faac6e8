package org.concord.web.identity;

import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** For a service behind the gateway: verify the caller header and hand the caller to controllers. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalSecretProperties.class)
public class CallerIdentityConfiguration implements WebFluxConfigurer {

    // Spring's own default when neither codec property is set.
    private static final DataSize DEFAULT_MAX_IN_MEMORY_SIZE = DataSize.ofKilobytes(256);

    @Bean
    public CallerIdentityCodec callerIdentityCodec(InternalSecretProperties properties, JsonMapper jsonMapper) {
        return new CallerIdentityCodec(properties.secret(), jsonMapper, Clock.systemUTC());
    }

    @Bean
    public CallerIdentityWebFilter callerIdentityWebFilter(CallerIdentityCodec codec, ProblemDetailsExceptionHandler problems,
                                                           Environment environment) {
        return new CallerIdentityWebFilter(codec, problems, (int) maxRequestBody(environment).toBytes());
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new CallerIdentityArgumentResolver());
    }

    /** The request body limit the codecs enforce, so that a body read by a filter is held to the same limit. */
    public static DataSize maxRequestBody(Environment environment) {
        return Binder.get(environment).bind("spring.http.codecs.max-in-memory-size", DataSize.class).orElse(DEFAULT_MAX_IN_MEMORY_SIZE);
    }
}
