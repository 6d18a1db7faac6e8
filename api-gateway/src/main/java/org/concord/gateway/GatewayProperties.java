package org.concord.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;

/**
 * The gateway's settings, prefix {@code concord.gateway}.
 *
 * @param commandSideUri where commands go (default http://127.0.0.1:8081; {@code CONCORD_GATEWAY_COMMAND_SIDE_URI})
 * @param querySideUri   where reads go (default http://127.0.0.1:8082; {@code CONCORD_GATEWAY_QUERY_SIDE_URI})
 * @param adminToken     the administrator token; when blank it is read from {@code adminTokenFile}, or created
 *                       there at first start ({@code CONCORD_ADMIN_TOKEN})
 * @param adminTokenFile where the administrator token is kept (default data/admin-token)
 */
@ConfigurationProperties("concord.gateway")
public record GatewayProperties(@DefaultValue("http://127.0.0.1:8081") URI commandSideUri,
                                @DefaultValue("http://127.0.0.1:8082") URI querySideUri,
                                String adminToken,
                                @DefaultValue("data/admin-token") Path adminTokenFile) {
}
