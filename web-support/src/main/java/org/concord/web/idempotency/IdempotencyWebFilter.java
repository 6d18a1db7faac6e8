package org.concord.web.idempotency;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.concord.web.body.Bodies;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityWebFilter;
import org.concord.web.problem.ProblemDetailsExceptionHandler;
import org.concord.web.problem.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code Idempotency-Key} on POST (API.md): the first request with a key runs and its answer is kept;
 * a retry with the same key and request gets that answer again and records nothing new. Keys are the
 * caller's own: the same key from two callers are two keys. A credential in the answer is not kept: the
 * handler marks its field ({@link IdempotentRequest#withholdFromRetries}) and retries get the answer without it.
 * Runs after the caller identity filter.
 * Each answer given again is counted ({@code concord.idempotency.replays}).
 */
class IdempotencyWebFilter implements WebFilter, Ordered {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotency-Replayed";
    static final int MAX_KEY_LENGTH = 200;
    private static final String CALLER_ATTRIBUTE = CallerIdentity.class.getName();
    // A key freed or taken over between our insert and our read is claimed again, but not forever.
    private static final int MAX_CLAIM_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(IdempotencyWebFilter.class);

    private final IdempotencyKeyStore store;
    private final ProblemDetailsExceptionHandler problems;
    private final Duration abandonAfter;
    private final int maxBodyBytes;
    private final Clock clock;
    private final Counter replays;

    IdempotencyWebFilter(IdempotencyKeyStore store, ProblemDetailsExceptionHandler problems,
                         Duration abandonAfter, int maxBodyBytes, Clock clock, MeterRegistry meterRegistry) {
        this.store = store;
        this.problems = problems;
        this.abandonAfter = abandonAfter;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.replays = Counter.builder("concord.idempotency.replays")
                .description("Requests answered with the stored answer of an earlier request with the same Idempotency-Key")
                .register(meterRegistry);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        List<String> keys = request.getHeaders().get(HEADER);
        if (!HttpMethod.POST.equals(request.getMethod()) || keys == null || keys.isEmpty()) {
            return chain.filter(exchange);
        }
        if (keys.size() != 1 || !isValidKey(keys.get(0))) {
            return problems.write(exchange, ProblemException.invalid(HEADER,
                    "must be sent once, 1 to " + MAX_KEY_LENGTH + " printable ASCII characters"));
        }
        CallerIdentity caller = exchange.getAttribute(CALLER_ATTRIBUTE);
        if (caller == null) {
            return Mono.error(new IllegalStateException("The idempotency filter ran before the caller identity filter"));
        }
        String id = sha256(scopeOf(caller) + "\n" + keys.get(0));
        return DataBufferUtils.join(request.getBody(), maxBodyBytes)
                .map(Bodies::bytesOf)
                .defaultIfEmpty(new byte[0])
                .onErrorResume(DataBufferLimitException.class, tooLarge -> problems.handle(exchange, tooLarge).then(Mono.<byte[]>empty()))
                .flatMap(body -> claim(exchange, chain, id, requestHash(request, body), body, 1));
    }

    private Mono<Void> claim(ServerWebExchange exchange, WebFilterChain chain, String id, String requestHash,
                             byte[] body, int attempt) {
        String claim = UUID.randomUUID().toString();
        return blocking(() -> store.claim(id, requestHash, claim, clock.instant()))
                .flatMap(claimed -> claimed
                        ? proceed(exchange, chain, id, requestHash, claim, body)
                        : blocking(() -> store.find(id)).flatMap(existing -> existing
                                .map(key -> answerRetry(exchange, chain, key, requestHash, body, attempt))
                                .orElseGet(() -> retryClaim(exchange, chain, id, requestHash, body, attempt))));
    }

    private Mono<Void> answerRetry(ServerWebExchange exchange, WebFilterChain chain, IdempotencyKeyRecord key,
                                   String requestHash, byte[] body, int attempt) {
        if (!key.requestHash().equals(requestHash)) {
            return problems.write(exchange, new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                    "This Idempotency-Key was used with a different request."));
        }
        if (key.done()) {
            replays.increment();
            return replay(exchange.getResponse(), key.response());
        }
        Instant now = clock.instant();
        if (key.claimedAt().plus(abandonAfter).isAfter(now)) {
            return stillInProgress(exchange);
        }
        String claim = UUID.randomUUID().toString();
        return blocking(() -> store.takeOver(key.id(), key.claim(), claim, now))
                .flatMap(takenOver -> takenOver
                        ? proceed(exchange, chain, key.id(), requestHash, claim, body)
                        : retryClaim(exchange, chain, key.id(), requestHash, body, attempt));
    }

    private Mono<Void> retryClaim(ServerWebExchange exchange, WebFilterChain chain, String id, String requestHash,
                                  byte[] body, int attempt) {
        return attempt < MAX_CLAIM_ATTEMPTS
                ? claim(exchange, chain, id, requestHash, body, attempt + 1)
                : stillInProgress(exchange);
    }

    private Mono<Void> proceed(ServerWebExchange exchange, WebFilterChain chain, String id, String requestHash,
                               String claim, byte[] body) {
        ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
        RecordingResponse response = new RecordingResponse(exchange.getResponse(), answer -> settle(id, claim, kept(exchange, answer)));
        // The key and the request together: the same key with another request, once the key is forgotten, is another request.
        String effectsKey = sha256(id + "\n" + requestHash);
        exchange.getAttributes().put(IdempotentRequest.ATTRIBUTE, effectsKey);
        return chain.filter(exchange.mutate().request(request).response(response).build())
                .contextWrite(context -> IdempotentRequest.withKey(context, effectsKey))
                .then(Mono.defer(response::answerIfSilent))
                .onErrorResume(error -> (response.answered() ? Mono.<Void>empty() : release(id, claim))
                        .then(Mono.error(error)));
    }

    /** The answer as retries will get it: without the fields the handler marked as credentials. */
    private static StoredResponse kept(ServerWebExchange exchange, StoredResponse answer) {
        Set<String> withheld = exchange.getAttribute(IdempotentRequest.WITHHELD);
        return withheld == null ? answer : answer.withholding(withheld);
    }

    private Mono<Void> settle(String id, String claim, StoredResponse answer) {
        if (HttpStatusCode.valueOf(answer.status()).is5xxServerError()) {
            return release(id, claim);
        }
        return blocking(() -> store.complete(id, claim, answer, clock.instant()))
                .doOnNext(stored -> {
                    if (!stored) {
                        log.warn("Idempotency key {} was taken over before its first request answered; its answer is not kept", id);
                    }
                })
                .then()
                // The client still gets its answer; the claim stays in progress until it is abandoned.
                .onErrorResume(error -> {
                    log.warn("Could not store the answer of idempotency key {}", id, error);
                    return Mono.empty();
                });
    }

    private Mono<Void> release(String id, String claim) {
        return blocking(() -> {
            store.release(id, claim);
            return true;
        }).then().onErrorResume(error -> {
            log.warn("Could not release idempotency key {}; retries wait until it is abandoned", id, error);
            return Mono.empty();
        });
    }

    private Mono<Void> stillInProgress(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
        return problems.write(exchange, new ProblemException(HttpStatus.CONFLICT, "idempotency-key-in-progress",
                "A request with this Idempotency-Key is still being processed; retry shortly."));
    }

    private static Mono<Void> replay(ServerHttpResponse response, StoredResponse answer) {
        response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
        HttpHeaders headers = response.getHeaders();
        if (answer.location() != null) {
            headers.set(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.contentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, answer.contentType());
        }
        headers.set(REPLAYED_HEADER, "true");
        headers.setContentLength(answer.body().length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(answer.body())));
    }

    static boolean isValidKey(String key) {
        return !key.isEmpty() && key.length() <= MAX_KEY_LENGTH && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    private static String scopeOf(CallerIdentity caller) {
        return caller.isAnonymous() ? "anonymous" : "participant:" + caller.participantId();
    }

    private static String requestHash(ServerHttpRequest request, byte[] body) {
        MessageDigest digest = sha256();
        String query = request.getURI().getRawQuery();
        String target = request.getMethod().name() + " " + request.getPath().value() + (query == null ? "" : "?" + query);
        digest.update(target.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        digest.update(body);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static <T> Mono<T> blocking(Callable<T> call) {
        return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
    }

    /** Right after the caller identity filter: keys are scoped per caller. */
    @Override
    public int getOrder() {
        return CallerIdentityWebFilter.ORDER + 1;
    }
}
