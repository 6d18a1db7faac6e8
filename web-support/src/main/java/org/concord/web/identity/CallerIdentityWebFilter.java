package org.concord.web.identity;

import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.concord.web.problem.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * In a service behind the gateway: reads the caller from the gateway's signed header. No header means
 * an anonymous caller; a header that does not verify is refused with 401.
 */
public class CallerIdentityWebFilter implements WebFilter, Ordered {

    /** Early, so that every later filter and handler knows the caller. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    static final String ATTRIBUTE = CallerIdentity.class.getName();

    private final CallerIdentityCodec codec;
    private final ProblemDetailsExceptionHandler problems;

    public CallerIdentityWebFilter(CallerIdentityCodec codec, ProblemDetailsExceptionHandler problems) {
        this.codec = codec;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String header = exchange.getRequest().getHeaders().getFirst(CallerIdentityCodec.HEADER);
        if (header == null) {
            exchange.getAttributes().put(ATTRIBUTE, CallerIdentity.ANONYMOUS);
            return chain.filter(exchange);
        }
        return codec.decode(header)
                .map(caller -> {
                    exchange.getAttributes().put(ATTRIBUTE, caller);
                    return chain.filter(exchange);
                })
                .orElseGet(() -> problems.write(exchange,
                        ProblemException.unauthenticated("The caller header did not verify.")));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
