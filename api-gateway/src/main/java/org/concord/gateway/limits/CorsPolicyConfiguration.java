package org.concord.gateway.limits;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import java.util.List;

/**
 * Browsers may call the API from the pages of the origins configured in
 * {@code concord.gateway.limits.cors-allowed-origins} ({@code CONCORD_GATEWAY_LIMITS_CORS_ALLOWED_ORIGINS},
 * comma-separated), and from no other: by default from none.
 */
@Configuration(proxyBeanMethods = false)
class CorsPolicyConfiguration {

    @Bean
    CorsWebFilter corsWebFilter(ClientLimitProperties limits) {
        CorsConfiguration api = new CorsConfiguration();
        api.setAllowedOrigins(limits.corsAllowedOrigins());
        api.setAllowedMethods(List.of("GET", "HEAD", "POST", "DELETE"));
        api.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "Last-Event-ID", "X-Concord-Min-Position"));
        api.setExposedHeaders(List.of("Location", "Retry-After", "Idempotency-Replayed", "X-Concord-Caught-Up", "X-Concord-Rebuilding",
                "X-Concord-Beyond-Head"));
        api.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", api);
        return new CorsWebFilter(source);
    }
}
