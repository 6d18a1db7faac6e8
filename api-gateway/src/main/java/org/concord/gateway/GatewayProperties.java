package org.concord.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The gateway's settings, prefix {@code concord.gateway}.
 *
 * @param commandSides   the command-side instances commands are balanced between, comma-separated in
 *                       {@code command-side-uri} (default http://127.0.0.1:8081; {@code CONCORD_GATEWAY_COMMAND_SIDE_URI})
 * @param querySides     the query-side instances reads are balanced between, comma-separated in
 *                       {@code query-side-uri} (default http://127.0.0.1:8082; {@code CONCORD_GATEWAY_QUERY_SIDE_URI})
 * @param adminToken     the administrator token; when blank it is read from {@code adminTokenFile}, or created
 *                       there at first start ({@code CONCORD_ADMIN_TOKEN})
 * @param adminTokenFile where the administrator token is kept (default data/admin-token)
 */
@ConfigurationProperties("concord.gateway")
public record GatewayProperties(@Name("command-side-uri") @DefaultValue("http://127.0.0.1:8081") List<URI> commandSides,
                                @Name("query-side-uri") @DefaultValue("http://127.0.0.1:8082") List<URI> querySides,
                                String adminToken,
                                @DefaultValue("data/admin-token") Path adminTokenFile) {

    public GatewayProperties {
        commandSides = List.copyOf(commandSides);
        querySides = List.copyOf(querySides);
        if (commandSides.isEmpty() || querySides.isEmpty()) {
            throw new IllegalArgumentException("concord.gateway.command-side-uri and query-side-uri each need at least one instance");
        }
    }
}
