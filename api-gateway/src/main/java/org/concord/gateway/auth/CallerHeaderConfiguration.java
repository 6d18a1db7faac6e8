package org.concord.gateway.auth;

import org.concord.web.identity.CallerIdentityCodec;
import org.concord.web.identity.InternalSecretProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** The signer of the caller header the services trust. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalSecretProperties.class)
class CallerHeaderConfiguration {

    @Bean
    CallerIdentityCodec callerIdentityCodec(InternalSecretProperties properties, JsonMapper jsonMapper) {
        return new CallerIdentityCodec(properties.secret(), jsonMapper, Clock.systemUTC());
    }
}
