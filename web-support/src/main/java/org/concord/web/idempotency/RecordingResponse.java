package org.concord.web.idempotency;

import org.concord.web.body.Bodies;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The response of a request that holds an {@code Idempotency-Key}: hands its answer (status, the
 * headers a replay needs, the whole body) to {@code onAnswer} once, before the client sees it, so
 * that a retry arriving as soon as the client has the answer already finds it stored.
 */
final class RecordingResponse extends ServerHttpResponseDecorator {

    private static final byte[] NO_BODY = new byte[0];

    private final Function<StoredResponse, Mono<Void>> onAnswer;
    private final AtomicBoolean answered = new AtomicBoolean();

    RecordingResponse(ServerHttpResponse delegate, Function<StoredResponse, Mono<Void>> onAnswer) {
        super(delegate);
        this.onAnswer = onAnswer;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return DataBufferUtils.join(Flux.from(body))
                .map(Bodies::bytesOf)
                .defaultIfEmpty(NO_BODY)
                .flatMap(bytes -> answer(bytes)
                        .then(Mono.defer(() -> super.writeWith(Mono.just(bufferFactory().wrap(bytes))))));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return writeWith(Flux.concat(body));
    }

    @Override
    public Mono<Void> setComplete() {
        return answer(NO_BODY).then(Mono.defer(super::setComplete));
    }

    /** For a handler that finished without writing a body or completing the response. */
    Mono<Void> answerIfSilent() {
        return answer(NO_BODY);
    }

    boolean answered() {
        return answered.get();
    }

    private Mono<Void> answer(byte[] body) {
        if (!answered.compareAndSet(false, true)) {
            return Mono.empty();
        }
        HttpStatusCode status = getStatusCode() == null ? HttpStatus.OK : getStatusCode();
        HttpHeaders headers = getHeaders();
        return onAnswer.apply(new StoredResponse(status.value(), headers.getFirst(HttpHeaders.LOCATION),
                headers.getFirst(HttpHeaders.CONTENT_TYPE), body));
    }
}
