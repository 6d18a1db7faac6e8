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
 * @param webUis         the web-ui instances that serve the web workspace (every page outside the API), balanced
 *                       between, comma-separated in {@code web-ui-uri} (default http://127.0.0.1:8090;
 *                       {@code CONCORD_GATEWAY_WEB_UI_URI}); the {@code X-Forwarded-For} of requests coming from
 *                       their addresses is trusted ({@code limits.ClientKey})
 * @param adminToken     the administrator token; when blank it is read from {@code adminTokenFile}, or created
 *                       there at first start ({@code CONCORD_ADMIN_TOKEN})
 * @param adminTokenFile where the administrator token is kept (default data/admin-token)
 */
@ConfigurationProperties("concord.gateway")
public record GatewayProperties(@Name("command-side-uri") @DefaultValue("http://127.0.0.1:8081") List<URI> commandSides,
                                @Name("query-side-uri") @DefaultValue("http://127.0.0.1:8082") List<URI> querySides,
                                @Name("web-ui-uri") @DefaultValue("http://127.0.0.1:8090") List<URI> webUis,
                                String adminToken,
                                @DefaultValue("data/admin-token") Path adminTokenFile) {

    public GatewayProperties {
        commandSides = List.copyOf(commandSides);
        querySides = List.copyOf(querySides);
        webUis = List.copyOf(webUis);
        if (commandSides.isEmpty() || querySides.isEmpty() || webUis.isEmpty()) {
            throw new IllegalArgumentException(
                    "concord.gateway.command-side-uri, query-side-uri and web-ui-uri each need at least one instance");
        }
    }
}
