package org.concord.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * What one client may ask of the gateway, prefix {@code concord.gateway.limits}. A client is a bearer
 * token, or, without one, the address the request came from. Limits are kept by each gateway process.
 *
 * @param perTokenPerSecond     requests a token may make per second, sustained (default 50)
 * @param perTokenBurst         requests a token may make at once after a quiet spell (default 200)
 * @param anonymousPerSecond    requests per second from one address without a token (default 20)
 * @param anonymousBurst        requests at once from one address without a token (default 100)
 * @param feedsPerClient        change feeds (SSE) one client may hold open at once (default 10)
 * @param corsAllowedOrigins    origins whose pages may call the API from a browser (default none)
 */
@ConfigurationProperties("concord.gateway.limits")
public record ClientLimitProperties(@DefaultValue("50") double perTokenPerSecond,
                                    @DefaultValue("200") int perTokenBurst,
                                    @DefaultValue("20") double anonymousPerSecond,
                                    @DefaultValue("100") int anonymousBurst,
                                    @DefaultValue("10") int feedsPerClient,
                                    @DefaultValue({}) List<String> corsAllowedOrigins) {
}
