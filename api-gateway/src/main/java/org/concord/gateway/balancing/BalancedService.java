package org.concord.gateway.balancing;

import org.concord.gateway.GatewayProperties;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * A service the gateway balances between its instances: its load balancer's service id, addressed as
 * {@code lb://<id>}, and its instances from {@link GatewayProperties}.
 */
public enum BalancedService {

    COMMAND_SIDE("command-side", "command-side"),
    QUERY_SIDE("query-side", "query-side"),
    /** The web workspace: every page outside the API. */
    WEB_UI("web-ui", "web-ui"),
    /**
     * The command side again, for the token lookups alone: with a round-robin of its own, so that the
     * lookup before each command does not move the commands' round-robin on by one and, with two
     * instances, send every authenticated command to the same one.
     */
    CREDENTIALS("command-side-credentials", "command-side");

    private final String id;
    private final String instanceName;

    BalancedService(String id, String instanceName) {
        this.id = id;
        this.instanceName = instanceName;
    }

    public String id() {
        return id;
    }

    /** The address the load balancer resolves to one live instance, for a route or a load-balanced web client. */
    public URI balancedUri() {
        return URI.create("lb://" + id);
    }

    /** The base URL of a web client filtered by the load balancer, which takes the host for the service id. */
    public String loadBalancedBaseUrl() {
        return "http://" + id;
    }

    public List<URI> instances(GatewayProperties properties) {
        return switch (this) {
            case QUERY_SIDE -> properties.querySides();
            case WEB_UI -> properties.webUis();
            case COMMAND_SIDE, CREDENTIALS -> properties.commandSides();
        };
    }

    /** The name of the n-th instance (from 1) of the list, as {@code X-Concord-Instance} shows it. */
    String instanceName(int n) {
        return instanceName + "-" + n;
    }

    static BalancedService of(String id) {
        return Arrays.stream(values()).filter(service -> service.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Concord service is called " + id));
    }
}
