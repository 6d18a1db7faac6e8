package org.concord.web.identity;

import org.concord.web.body.Bodies;
import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.concord.web.problem.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * In a service behind the gateway: reads the caller from the gateway's signed header. No header means
 * an anonymous caller; a header that does not verify for this very request (its method, path and query, and
 * body, which is read here, within the codecs' size limit, and handed on as read) is refused with 401, and so is
 * one already used.
 */
public class CallerIdentityWebFilter implements WebFilter, Ordered {

    /** Early, so that every later filter and handler knows the caller. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    static final String ATTRIBUTE = CallerIdentity.class.getName();

    private final CallerIdentityCodec codec;
    private final ProblemDetailsExceptionHandler problems;
    private final int maxBodyBytes;

    public CallerIdentityWebFilter(CallerIdentityCodec codec, ProblemDetailsExceptionHandler problems, int maxBodyBytes) {
        this.codec = codec;
        this.problems = problems;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String header = request.getHeaders().getFirst(CallerIdentityCodec.HEADER);
        if (header == null) {
            exchange.getAttributes().put(ATTRIBUTE, CallerIdentity.ANONYMOUS);
            return chain.filter(exchange);
        }
        return DataBufferUtils.join(request.getBody(), maxBodyBytes)
                .map(Bodies::bytesOf)
                .defaultIfEmpty(new byte[0])
                .onErrorResume(DataBufferLimitException.class, tooLarge -> problems.handle(exchange, tooLarge).then(Mono.<byte[]>empty()))
                .flatMap(body -> codec.decode(header, SignedRequest.of(request.getMethod().name(), request.getURI(), body))
                        .map(caller -> {
                            ServerWebExchange verified = body.length == 0 ? exchange : exchange.mutate().request(withBody(exchange, body)).build();
                            verified.getAttributes().put(ATTRIBUTE, caller);
                            return chain.filter(verified);
                        })
                        .orElseGet(() -> problems.write(exchange,
                                ProblemException.unauthenticated("The caller header did not verify."))));
    }

    /** The request with the body this filter read, for the handlers to read again. */
    private static ServerHttpRequest withBody(ServerWebExchange exchange, byte[] body) {
        return new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
