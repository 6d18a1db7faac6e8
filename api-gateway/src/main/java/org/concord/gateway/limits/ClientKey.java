package org.concord.gateway.limits;

import io.netty.util.NetUtil;
import org.concord.gateway.GatewayProperties;
import org.concord.gateway.routing.PublicPaths;
import org.concord.web.identity.TokenHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Who a request counts against. The rate limits count a request by the participant its token is known to be
 * ({@link RateLimitWebFilter}), and otherwise by the address it came from: without a token, with a token not
 * yet checked, and always for the web workspace's pages, where no token is checked (a made-up token per
 * request would otherwise escape the limit). The open feeds count by token (by hash: the token itself is never
 * kept), or by address without one. That address is the connection's, except for a request from one
 * of the web-ui instances ({@code concord.gateway.web-ui-uri}, their hosts resolved once at start): web-ui
 * calls the API for the browsers it serves, so its requests count against the browser's address it names
 * last in {@code X-Forwarded-For}. Anyone else's {@code X-Forwarded-For} is ignored: any client can set it.
 * The trust is by address alone: on a single host, where web-ui runs on 127.0.0.1, any local process can
 * claim any address this way (docs/security.md, Known limits).
 */
@Component
final class ClientKey {

    private static final Logger log = LoggerFactory.getLogger(ClientKey.class);
    private static final String BEARER = "Bearer ";
    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<InetAddress> trustedForwarders;

    @Autowired
    ClientKey(GatewayProperties properties) {
        this(addressesOf(properties.webUis()));
    }

    ClientKey(Collection<InetAddress> trustedForwarders) {
        this.trustedForwarders = List.copyOf(trustedForwarders);
    }

    static ClientKey trusting(List<URI> webUis) {
        return new ClientKey(addressesOf(webUis));
    }

    /** The token's hash when the request carries one on the API, else its address. */
    String of(ServerHttpRequest request) {
        return bearerToken(request).map(token -> "token:" + TokenHash.of(token)).orElseGet(() -> address(request));
    }

    /** The bearer token of a request for the API; none for any other path, where no token is checked. */
    Optional<String> bearerToken(ServerHttpRequest request) {
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && PublicPaths.isApi(request.getPath().value())
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && !authorization.substring(BEARER.length()).isBlank()) {
            return Optional.of(authorization.substring(BEARER.length()).trim());
        }
        return Optional.empty();
    }

    /** The address the request counts against, whatever token it carries. */
    String address(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return "address:unknown";
        }
        InetAddress client = trustedForwarders.contains(remote.getAddress())
                ? forwardedFor(request, remote.getAddress()) : remote.getAddress();
        return "address:" + client.getHostAddress();
    }

    /**
     * The last address of {@code X-Forwarded-For}, which web-ui copied from the gateway's own header on the
     * request it served; the ones before it are whatever the browser claimed. Anything but an IP literal
     * (never a name to look up) leaves the request counted against web-ui itself.
     */
    private static InetAddress forwardedFor(ServerHttpRequest request, InetAddress otherwise) {
        List<String> values = request.getHeaders().getOrEmpty(FORWARDED_FOR);
        if (values.isEmpty()) {
            return otherwise;
        }
        String last = values.get(values.size() - 1);
        String entry = last.substring(last.lastIndexOf(',') + 1).trim();
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(entry);
        if (literal == null) {
            return otherwise;
        }
        try {
            return InetAddress.getByAddress(literal);
        } catch (UnknownHostException e) {
            return otherwise;
        }
    }

    private static List<InetAddress> addressesOf(List<URI> webUis) {
        List<InetAddress> addresses = new ArrayList<>();
        for (URI webUi : webUis) {
            try {
                addresses.addAll(Arrays.asList(InetAddress.getAllByName(webUi.getHost())));
            } catch (UnknownHostException e) {
                // its requests then count against its own address: web-ui still works, its users share one limit
                log.warn("The web-ui host {} does not resolve: its X-Forwarded-For is not trusted until the gateway restarts",
                        webUi.getHost());
            }
        }
        return addresses;
    }
}
