package org.concord.gateway.routing;

import org.concord.gateway.GatewayProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Commands (every write under /api) go to the command side; reads go to the query side. */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

    @Bean
    RouteLocator concordRoutes(RouteLocatorBuilder routes, GatewayProperties properties) {
        return routes.routes()
                .route("queries", route -> route.path("/api/**").and().method(HttpMethod.GET, HttpMethod.HEAD)
                        .uri(properties.querySideUri()))
                .route("commands", route -> route.path("/api/**")
                        .and().method(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
                        .uri(properties.commandSideUri()))
                .build();
    }
}
