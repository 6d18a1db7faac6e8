package org.concord.gateway.auth;

import org.concord.web.body.Bodies;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.concord.web.identity.CallerIdentityConfiguration;
import org.concord.web.identity.SignedRequest;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * Signs the caller header for the request as it leaves for the service: after the route's own filters have set its
 * path and the load balancer has chosen the instance, with the method, the path and query the service will see, and
 * the digest of the body, which is read here (up to {@code spring.http.codecs.max-in-memory-size}; a larger one is
 * 413) and forwarded as read. A request {@link BearerAuthenticationFilter} found no caller for goes on unsigned; a
 * request sent again to another instance is signed again.
 */
@Component
class CallerHeaderSigningFilter implements GlobalFilter, Ordered {

    /** The exchange attribute under which {@link BearerAuthenticationFilter} leaves the authenticated caller. */
    static final String CALLER = CallerHeaderSigningFilter.class.getName() + ".caller";

    private final CallerIdentityCodec codec;
    private final int maxBodyBytes;

    CallerHeaderSigningFilter(CallerIdentityCodec codec, Environment environment) {
        this.codec = codec;
        this.maxBodyBytes = (int) CallerIdentityConfiguration.maxRequestBody(environment).toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        CallerIdentity caller = exchange.getAttribute(CALLER);
        if (caller == null) {
            return chain.filter(exchange);
        }
        ServerHttpRequest request = exchange.getRequest();
        // the URL the routing filter sends the request to, written as it will be on the wire
        URI target = URI.create(exchange.<URI>getRequiredAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR).toASCIIString());
        return DataBufferUtils.join(request.getBody(), maxBodyBytes)
                .map(Bodies::bytesOf)
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    String header = codec.encode(caller, SignedRequest.of(request.getMethod().name(), target, body));
                    ServerHttpRequest signed = new ServerHttpRequestDecorator(request.mutate()
                            .headers(headers -> headers.set(CallerIdentityCodec.HEADER, header)).build()) {
                        @Override
                        public Flux<DataBuffer> getBody() {
                            return body.length == 0 ? Flux.empty()
                                    : Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
                        }
                    };
                    return chain.filter(exchange.mutate().request(signed).build());
                });
    }

    /** After the load balancer has put the instance's address into the request URL, before the request is sent. */
    @Override
    public int getOrder() {
        return ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    }
}
