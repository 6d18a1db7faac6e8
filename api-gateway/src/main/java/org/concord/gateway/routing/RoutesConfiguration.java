package org.concord.gateway.routing;

import org.concord.gateway.GatewayProperties;
import org.concord.gateway.balancing.BalancedService;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.net.ConnectException;
import java.time.Duration;

/**
 * Commands (every write under /api) go to the command side; reads, the rebuild of the read models
 * and webhooks go to the query side; each
 * service's OpenAPI document is reachable as {@code /v3/api-docs/commands} and {@code /v3/api-docs/queries};
 * every other path (GET, HEAD, POST) is the web workspace's and goes to web-ui ({@link PublicPaths}), with
 * the browser's {@code Host} kept, so that its links, redirects and origin checks see the address the
 * browser used.
 * Every route is balanced between the service's instances ({@code lb://}, see the {@code balancing}
 * package). A request whose connection to an instance could not even be established is sent to another
 * instance: nothing reached the dead one, so not even a command can run twice. A request that reached an
 * instance is never repeated, whatever happened after.
 */
@Configuration(proxyBeanMethods = false)
class RoutesConfiguration {

    static final String WORKSPACE = "workspace";

    @Bean
    RouteLocator concordRoutes(RouteLocatorBuilder routes, GatewayProperties properties) {
        BalancedService commands = BalancedService.COMMAND_SIDE;
        BalancedService queries = BalancedService.QUERY_SIDE;
        BalancedService webUi = BalancedService.WEB_UI;
        return routes.routes()
                // the services' OpenAPI documents, for swagger-ui; the merged one is served by the gateway itself
                .route("command-api-docs", route -> route.path("/v3/api-docs/commands").and().method(HttpMethod.GET)
                        .filters(filters -> retried(filters.setPath("/v3/api-docs"), commands, properties, HttpMethod.GET))
                        .uri(commands.balancedUri()))
                .route("query-api-docs", route -> route.path("/v3/api-docs/queries").and().method(HttpMethod.GET)
                        .filters(filters -> retried(filters.setPath("/v3/api-docs"), queries, properties, HttpMethod.GET))
                        .uri(queries.balancedUri()))
                // rebuilding the read models and the webhooks are the query side's own writes
                .route("replay", route -> route.path("/api/admin/replay").and().method(HttpMethod.POST)
                        .filters(filters -> retried(filters, queries, properties, HttpMethod.POST))
                        .uri(queries.balancedUri()))
                .route("webhooks", route -> route.path("/api/webhooks", "/api/webhooks/**").and().method(HttpMethod.POST, HttpMethod.DELETE)
                        .filters(filters -> retried(filters, queries, properties, HttpMethod.POST, HttpMethod.DELETE))
                        .uri(queries.balancedUri()))
                .route("queries", route -> route.path("/api/**").and().method(HttpMethod.GET, HttpMethod.HEAD)
                        .filters(filters -> retried(filters, queries, properties, HttpMethod.GET, HttpMethod.HEAD))
                        .uri(queries.balancedUri()))
                .route("commands", route -> route.path("/api/**")
                        .and().method(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
                        .filters(filters -> retried(filters, commands, properties,
                                HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
                        .uri(commands.balancedUri()))
                .route(WORKSPACE, route -> route.method(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST)
                        .and().not(paths -> paths.path(PublicPaths.NOT_WORKSPACE))
                        .filters(filters -> retried(filters.preserveHostHeader(), webUi, properties,
                                HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST))
                        .uri(webUi.balancedUri()))
                .build();
    }

    /**
     * With more than one instance, a connection refused (or not accepted in time) is tried on another
     * instance; twice per other instance, since a concurrent request may have moved the round-robin on
     * to the dead instance again before its health check drops it. Only {@link ConnectException}: a
     * request that reached an instance is not repeated, and nothing is retried for its status.
     */
    private static GatewayFilterSpec retried(GatewayFilterSpec filters, BalancedService service, GatewayProperties properties,
                                             HttpMethod... methods) {
        int others = service.instances(properties).size() - 1;
        if (others == 0) {
            return filters;
        }
        return filters.retry(config -> connectFailures(config, 2 * others, methods));
    }

    private static void connectFailures(RetryConfig config, int retries, HttpMethod... methods) {
        config.setRetries(retries)
                .setMethods(methods)
                .setSeries()
                .setStatuses()
                .setExceptions(ConnectException.class)
                .setBackoff(Duration.ofMillis(20), Duration.ofMillis(200), 2, true);
    }
}
