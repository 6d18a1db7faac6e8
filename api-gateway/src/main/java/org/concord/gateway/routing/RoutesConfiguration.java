package org.concord.gateway.routing;

import org.concord.gateway.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Commands (every write under /api) go to the command side; reads, the rebuild of the read models
 * and webhooks go to the query side; each
 * service's OpenAPI document is reachable as {@code /v3/api-docs/commands} and {@code /v3/api-docs/queries}.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

    @Bean
    RouteLocator concordRoutes(RouteLocatorBuilder routes, GatewayProperties properties) {
        return routes.routes()
                // the services' OpenAPI documents, for swagger-ui; the merged one is served by the gateway itself
                .route("command-api-docs", route -> route.path("/v3/api-docs/commands").and().method(HttpMethod.GET)
                        .filters(filters -> filters.setPath("/v3/api-docs"))
                        .uri(properties.commandSideUri()))
                .route("query-api-docs", route -> route.path("/v3/api-docs/queries").and().method(HttpMethod.GET)
                        .filters(filters -> filters.setPath("/v3/api-docs"))
                        .uri(properties.querySideUri()))
                // rebuilding the read models and the webhooks are the query side's own writes
                .route("replay", route -> route.path("/api/admin/replay").and().method(HttpMethod.POST)
                        .uri(properties.querySideUri()))
                .route("webhooks", route -> route.path("/api/webhooks", "/api/webhooks/**").and().method(HttpMethod.POST, HttpMethod.DELETE)
                        .uri(properties.querySideUri()))
                .route("queries", route -> route.path("/api/**").and().method(HttpMethod.GET, HttpMethod.HEAD)
                        .uri(properties.querySideUri()))
                .route("commands", route -> route.path("/api/**")
                        .and().method(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
                        .uri(properties.commandSideUri()))
                .build();
    }
}
