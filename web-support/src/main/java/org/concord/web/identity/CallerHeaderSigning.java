package org.concord.web.identity;

import org.concord.web.body.Bodies;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.function.Function;

/**
 * A web client filter that signs each request it sends with the caller header, bound to the request as it goes out:
 * its method, its URL's path and query, and the bytes of its body, which are gathered before the header is set.
 */
public final class CallerHeaderSigning {

    private CallerHeaderSigning() {
    }

    /** Every request as {@code caller}. */
    public static ExchangeFilterFunction as(CallerIdentityCodec codec, CallerIdentity caller) {
        return with(request -> codec.encode(caller, request));
    }

    /** Every request with the header {@code headerFor} gives the request as it goes out. */
    public static ExchangeFilterFunction with(Function<SignedRequest, String> headerFor) {
        return (request, next) -> next.exchange(ClientRequest.from(request)
                .body((outputMessage, context) -> request.body().insert(new Signed(outputMessage, request, headerFor), context))
                .build());
    }

    private static final class Signed extends ClientHttpRequestDecorator {

        private final ClientRequest request;
        private final Function<SignedRequest, String> headerFor;

        Signed(ClientHttpRequest delegate, ClientRequest request, Function<SignedRequest, String> headerFor) {
            super(delegate);
            this.request = request;
            this.headerFor = headerFor;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            return DataBufferUtils.join(body)
                    .map(Bodies::bytesOf)
                    .defaultIfEmpty(new byte[0])
                    .flatMap(bytes -> {
                        sign(bytes);
                        return super.writeWith(Mono.just(bufferFactory().wrap(bytes)));
                    });
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return writeWith(Flux.concat(body));
        }

        @Override
        public Mono<Void> setComplete() {
            sign(new byte[0]);
            return super.setComplete();
        }

        private void sign(byte[] body) {
            getHeaders().set(CallerIdentityCodec.HEADER, headerFor.apply(SignedRequest.of(request.method().name(), request.url(), body)));
        }
    }
}
