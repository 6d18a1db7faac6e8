package org.concord.gateway.limits;

import org.concord.web.identity.TokenHash;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import java.net.InetSocketAddress;

/**
 * Who a request counts against: its bearer token (by hash: the token itself is never kept), or the
 * address it came from when it has none. Forwarded-for headers are not trusted: any client can set them.
 */
@Component
final class ClientKey {

    private static final String BEARER = "Bearer ";

    String of(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && !authorization.substring(BEARER.length()).isBlank()) {
            return "token:" + TokenHash.of(authorization.substring(BEARER.length()).trim());
        }
        InetSocketAddress remote = request.getRemoteAddress();
        return "address:" + (remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress());
    }

    static boolean isToken(String key) {
        return key.startsWith("token:");
    }
}
