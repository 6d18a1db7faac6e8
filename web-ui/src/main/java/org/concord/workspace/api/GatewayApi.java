package org.concord.workspace.api;

import org.concord.workspace.WorkspaceProperties;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The gateway's public API, called as the caller: with their token if they are signed in, without one if
 * not, and with the browser's address in {@code X-Forwarded-For} (the gateway trusts it from web-ui only).
 * Every refusal becomes an {@link ApiProblem} carrying the API's status.
 */
@Component
public class GatewayApi {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENTS = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> WRITTEN = new ParameterizedTypeReference<>() {
    };

    private final WebClient client;
    private final WebClient feeds;
    private final WorkspaceProperties properties;

    /**
     * Two pools of connections to the gateway: one for the pages' calls, which last milliseconds; one for the
     * live feeds, each held open for as long as a browser shows a consultation, so that a few hundred people
     * watching live never leave a page waiting for a connection (Reactor Netty's default pool has 16).
     */
    public GatewayApi(WebClient.Builder builder, WorkspaceProperties properties) {
        this.client = builder.clone().baseUrl(properties.gatewayUri().toString())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.builder("gateway-api")
                        .maxConnections(500).pendingAcquireTimeout(Duration.ofSeconds(10)).maxIdleTime(Duration.ofSeconds(30)).build())))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
        this.feeds = builder.clone().baseUrl(properties.gatewayUri().toString())
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.builder("gateway-feeds")
                        .maxConnections(10_000).pendingAcquireTimeout(Duration.ofSeconds(10)).build())))
                .build();
        this.properties = properties;
    }

    /** A JSON answer of the API, read as {@code type}. */
    public <T> Mono<T> get(Caller caller, Function<UriBuilder, URI> uri, Class<T> type) {
        return request(caller, uri, MediaType.APPLICATION_JSON).bodyToMono(type)
                .timeout(properties.apiTimeout())
                .onErrorMap(GatewayApi::unanswered, error -> ApiProblem.unavailable());
    }

    /** A JSON answer of the API, read as {@code type} (a list, a map). */
    public <T> Mono<T> get(Caller caller, Function<UriBuilder, URI> uri, ParameterizedTypeReference<T> type) {
        return request(caller, uri, MediaType.APPLICATION_JSON).bodyToMono(type)
                .timeout(properties.apiTimeout())
                .onErrorMap(GatewayApi::unanswered, error -> ApiProblem.unavailable());
    }

    /** An answer of another type (the dispositions' CSV), as bytes with its headers. */
    public Mono<ResponseEntity<byte[]>> download(Caller caller, Function<UriBuilder, URI> uri, MediaType accept) {
        return request(caller, uri, accept).toEntity(byte[].class)
                .timeout(properties.apiTimeout())
                .onErrorMap(GatewayApi::unanswered, error -> ApiProblem.unavailable());
    }

    /**
     * A change feed of the API, from after {@code lastEventId} (from its start when null). The stream ends
     * when the API ends it; the browser's EventSource then reconnects with the last id it received.
     */
    public Flux<ServerSentEvent<String>> feed(Caller caller, Function<UriBuilder, URI> uri, String lastEventId) {
        return feeds.get().uri(uri)
                .headers(headers -> {
                    callerHeaders(caller, headers);
                    if (lastEventId != null) {
                        headers.set("Last-Event-ID", lastEventId);
                    }
                })
                .accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve()
                .onStatus(status -> status.isError(), GatewayApi::problem)
                .bodyToFlux(EVENTS)
                .onErrorMap(GatewayApi::unanswered, error -> ApiProblem.unavailable());
    }

    /**
     * A write of the API ({@code POST}), as the caller, with {@code body} as JSON (none when null) and the
     * form's {@code Idempotency-Key}: a form sent twice is done once, and the second send gets the first
     * answer. The answer's JSON and {@code Location}.
     */
    public Mono<Written> post(Caller caller, Function<UriBuilder, URI> uri, Object body, String idempotencyKey) {
        WebClient.RequestBodySpec request = client.post().uri(uri)
                .headers(headers -> {
                    callerHeaders(caller, headers);
                    headers.set("Idempotency-Key", idempotencyKey);
                })
                .accept(MediaType.APPLICATION_JSON);
        WebClient.RequestHeadersSpec<?> withBody = body == null ? request : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return written(withBody);
    }

    /** A {@code DELETE} of the API (withdrawing one's support), as the caller. */
    public Mono<Written> delete(Caller caller, Function<UriBuilder, URI> uri) {
        return written(client.delete().uri(uri)
                .headers(headers -> callerHeaders(caller, headers))
                .accept(MediaType.APPLICATION_JSON));
    }

    private Mono<Written> written(WebClient.RequestHeadersSpec<?> request) {
        return request.retrieve()
                .onStatus(status -> status.isError(), GatewayApi::problem)
                .toEntity(WRITTEN)
                .map(entity -> new Written(entity.getHeaders().getFirst(HttpHeaders.LOCATION),
                        entity.getBody() == null ? Map.of() : entity.getBody()))
                .timeout(properties.apiTimeout())
                .onErrorMap(GatewayApi::unanswered, error -> ApiProblem.unavailable());
    }

    private WebClient.ResponseSpec request(Caller caller, Function<UriBuilder, URI> uri, MediaType accept) {
        return client.get().uri(uri)
                .headers(headers -> {
                    callerHeaders(caller, headers);
                    if (caller.minPosition() != null) {
                        headers.set("X-Concord-Min-Position", caller.minPosition().toString());
                    }
                })
                .accept(accept)
                .retrieve()
                .onStatus(status -> status.isError(), GatewayApi::problem);
    }

    private static void callerHeaders(Caller caller, HttpHeaders headers) {
        if (caller.token() != null) {
            headers.setBearerAuth(caller.token());
        }
        if (caller.clientAddress() != null) {
            headers.set("X-Forwarded-For", caller.clientAddress());
        }
    }

    private static Mono<? extends Throwable> problem(ClientResponse response) {
        int status = response.statusCode().value();
        Integer retryAfter = retryAfter(response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        return response.bodyToMono(ProblemBody.class)
                .onErrorResume(error -> Mono.empty())
                .defaultIfEmpty(new ProblemBody(null, null, List.of()))
                .map(body -> new ApiProblem(status, body.shortType(), body.detail(), body.errors(), retryAfter));
    }

    private static Integer retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Integer.valueOf(header.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean unanswered(Throwable error) {
        return error instanceof WebClientRequestException || error instanceof TimeoutException;
    }

    /** The fields of an RFC 9457 problem the pages use. */
    record ProblemBody(String type, String detail, List<ApiProblem.FieldError> errors) {

        String shortType() {
            return type == null ? "unknown" : type.replaceFirst("^urn:concord:problem:", "");
        }
    }
}
