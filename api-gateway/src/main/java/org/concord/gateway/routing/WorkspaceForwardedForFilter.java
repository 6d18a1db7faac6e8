package org.concord.gateway.routing;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;

/**
 * Tells web-ui the browser's address in {@code X-Forwarded-For}, which web-ui passes on when it calls the
 * API so that the browser, not web-ui, counts against the client limits ({@code limits.ClientKey}). The
 * header holds the connection's address alone: whatever forwarded-for headers the browser sent were
 * removed before (Spring Cloud Gateway removes every {@code X-Forwarded-*} while no trusted proxy is set).
 * Other routes get none.
 */
@Component
class WorkspaceForwardedForFilter implements HttpHeadersFilter, Ordered {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (route == null || !RoutesConfiguration.WORKSPACE.equals(route.getId()) || remote == null || remote.getAddress() == null) {
            return input;
        }
        HttpHeaders headers = HttpHeaders.copyOf(input);
        headers.set(FORWARDED_FOR, remote.getAddress().getHostAddress());
        return headers;
    }

    /** After Spring Cloud Gateway's removal of the client's forwarded-for headers (order 0). */
    @Override
    public int getOrder() {
        return 1;
    }
}
