package org.concord.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * What one client may ask of the gateway, prefix {@code concord.gateway.limits}. For the request rate, a client
 * is a participant (whichever of its tokens it sends; the administrator is one too) once its token is known to
 * be valid, else the address the request came from: anonymous requests, and requests whose token is yet to be
 * checked or is not valid, share their address's limit. For the open feeds, a client is a token, or an address
 * without one. Limits are kept by each gateway process.
 *
 * @param perTokenPerSecond     requests a participant may make per second, sustained (default 50)
 * @param perTokenBurst         requests a participant may make at once after a quiet spell (default 200)
 * @param anonymousPerSecond    requests per second from one address without a valid token (default 20)
 * @param anonymousBurst        requests at once from one address without a valid token (default 100)
 * @param feedsPerClient        change feeds (SSE) one client may hold open at once (default 10)
 * @param clientsKept           how many clients' rate limits are kept at most (default 50,000); past that, the
 *                              least used are forgotten first, which gives them their full burst again
 * @param corsAllowedOrigins    origins whose pages may call the API from a browser (default none)
 */
@ConfigurationProperties("concord.gateway.limits")
public record ClientLimitProperties(@DefaultValue("50") double perTokenPerSecond,
                                    @DefaultValue("200") int perTokenBurst,
                                    @DefaultValue("20") double anonymousPerSecond,
                                    @DefaultValue("100") int anonymousBurst,
                                    @DefaultValue("10") int feedsPerClient,
                                    @DefaultValue("50000") long clientsKept,
                                    @DefaultValue({}) List<String> corsAllowedOrigins) {
}
