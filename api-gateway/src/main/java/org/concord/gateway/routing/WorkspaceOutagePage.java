package org.concord.gateway.routing;

import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.reactivestreams.Publisher;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A person whose workspace page cannot be served because web-ui is down, slow or restarting gets a short
 * HTML page saying so, with the status the problem+json mapper chose (503, or 502/504), instead of a
 * problem+json document meant for programs. The mapper still decides and logs; only the body differs.
 * The API's answers, and a workspace request failing for any other reason, stay problem+json; an
 * event stream met by the outage is still told to reconnect.
 */
@Component
@Order(-3)
class WorkspaceOutagePage implements ErrorWebExceptionHandler {

    static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Concord: workspace not available</title></head>
            <body><h1>The workspace is not available</h1><p>The workspace is not available; retry shortly.</p></body>
            </html>
            """;
    private static final byte[] PAGE_BYTES = PAGE.getBytes(StandardCharsets.UTF_8);
    private static final Set<HttpStatus> UNAVAILABLE = Set.of(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE,
            HttpStatus.GATEWAY_TIMEOUT);

    private final ProblemDetailsExceptionHandler problems;

    WorkspaceOutagePage(ProblemDetailsExceptionHandler problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (!PublicPaths.isWorkspace(exchange.getRequest().getPath().value())) {
            return Mono.error(error);
        }
        return problems.handle(exchange.mutate().response(new AsPage(exchange.getResponse())).build(), error);
    }

    /** Replaces the body of an outage's answer by the page. */
    private static final class AsPage extends ServerHttpResponseDecorator {

        AsPage(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            HttpStatusCode status = getStatusCode();
            if (status == null || !UNAVAILABLE.contains(HttpStatus.resolve(status.value()))) {
                return super.writeWith(body);
            }
            return Flux.from(body).doOnNext(DataBufferUtils::release).then(Mono.defer(() -> {
                getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
                getHeaders().setContentLength(PAGE_BYTES.length);
                getHeaders().setCacheControl(CacheControl.noStore());
                getHeaders().set("Content-Security-Policy", "default-src 'none'");
                return super.writeWith(Mono.just(bufferFactory().wrap(PAGE_BYTES)));
            }));
        }
    }
}
