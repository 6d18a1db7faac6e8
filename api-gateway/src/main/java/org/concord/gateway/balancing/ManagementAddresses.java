package org.concord.gateway.balancing;

import org.concord.gateway.GatewayProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

import java.net.URI;
import java.util.List;

/**
 * Where each instance the gateway balances between serves its actuator (its management port, kept apart from the
 * port the gateway routes to), for the balancer's readiness checks; prefix {@code concord.gateway.management}, one
 * address per instance, in the order of the instance lists of {@link GatewayProperties}.
 *
 * @param commandSides comma-separated in {@code command-side-uri} (default http://127.0.0.1:9081;
 *                     {@code CONCORD_GATEWAY_MANAGEMENT_COMMAND_SIDE_URI})
 * @param querySides   comma-separated in {@code query-side-uri} (default http://127.0.0.1:9082;
 *                     {@code CONCORD_GATEWAY_MANAGEMENT_QUERY_SIDE_URI})
 * @param webUis       comma-separated in {@code web-ui-uri} (default http://127.0.0.1:9090;
 *                     {@code CONCORD_GATEWAY_MANAGEMENT_WEB_UI_URI})
 */
@ConfigurationProperties("concord.gateway.management")
public record ManagementAddresses(@Name("command-side-uri") @DefaultValue("http://127.0.0.1:9081") List<URI> commandSides,
                                  @Name("query-side-uri") @DefaultValue("http://127.0.0.1:9082") List<URI> querySides,
                                  @Name("web-ui-uri") @DefaultValue("http://127.0.0.1:9090") List<URI> webUis) {

    public ManagementAddresses {
        commandSides = List.copyOf(commandSides);
        querySides = List.copyOf(querySides);
        webUis = List.copyOf(webUis);
    }

    /** Refuses to start with a list that does not name one management address per instance. */
    void checkAgainst(GatewayProperties instances) {
        for (BalancedService service : List.of(BalancedService.COMMAND_SIDE, BalancedService.QUERY_SIDE, BalancedService.WEB_UI)) {
            if (of(service).size() != service.instances(instances).size()) {
                throw new IllegalStateException("concord.gateway.management." + service.id() + "-uri names " + of(service).size()
                        + " management addresses for the " + service.instances(instances).size() + " instances of concord.gateway."
                        + service.id() + "-uri: give one per instance, in the same order");
            }
        }
    }

    List<URI> of(BalancedService service) {
        return switch (service) {
            case QUERY_SIDE -> querySides;
            case WEB_UI -> webUis;
            case COMMAND_SIDE, CREDENTIALS -> commandSides;
        };
    }
}
