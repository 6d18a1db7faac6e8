package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A client of the running Concord's gateway, with the calls the system tests share; every answer it
 * receives is held against the OpenAPI document ({@link OpenApiContract}).
 */
final class ConcordApi {

    static final String ADMIN = ConcordProcesses.ADMIN_TOKEN;
    final WebTestClient http;

    ConcordApi(ConcordProcesses concord) {
        this.http = WebTestClient.bindToServer().baseUrl(concord.gateway().toString())
                .responseTimeout(Duration.ofSeconds(20))
                .filter(checkedAgainst(OpenApiContract.of(concord.gateway())))
                .codecs(codecs -> codecs.customCodecs().register(new JsonTreeDecoder()))
                .build();
    }

    /**
     * Holds every answer against the OpenAPI document before the test sees it; an event stream's media
     * type only, since its body never ends.
     */
    private static ExchangeFilterFunction checkedAgainst(OpenApiContract contract) {
        return (request, next) -> next.exchange(request).flatMap(response -> {
            String method = request.method().name();
            int status = response.statusCode().value();
            MediaType type = response.headers().contentType().orElse(null);
            String contentType = type == null ? null : type.toString();
            if (type != null && MediaType.TEXT_EVENT_STREAM.equalsTypeAndSubtype(type)) {
                contract.check(method, request.url(), status, contentType, new byte[0]);
                return Mono.just(response);
            }
            return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).map(body -> {
                contract.check(method, request.url(), status, contentType, body);
                return response.mutate().body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body))).build();
            });
        });
    }

    /** Registers a delegate and answers the registration: participantId, token, position. */
    JsonNode register(String organisation, String stakeholderType, String country, String... roles) {
        return http.post().uri("/api/participants")
                .header(HttpHeaders.AUTHORIZATION, bearer(ADMIN))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("organisation", organisation, "stakeholderType", stakeholderType, "country", country,
                        "displayName", "Delegation of " + organisation, "roles", List.of(roles)))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    String registerToken(String organisation, String stakeholderType, String country, String... roles) {
        return register(organisation, stakeholderType, country, roles).get("token").asText();
    }

    WebTestClient.ResponseSpec createConsultation(String token, String title, String visibility) {
        return http.post().uri("/api/consultations")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(consultation(title, visibility))
                .exchange();
    }

    /** A POST with a JSON body (or none when {@code body} is null) by the holder of {@code token} (none when null). */
    WebTestClient.ResponseSpec post(String token, String path, Object body, Object... uriVariables) {
        WebTestClient.RequestBodySpec request = http.post().uri(path, uriVariables);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, bearer(token));
        }
        return body == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** A GET by the holder of {@code token} (anonymous when null). */
    WebTestClient.ResponseSpec get(String token, String path, Object... uriVariables) {
        WebTestClient.RequestHeadersSpec<?> request = http.get().uri(path, uriVariables);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, bearer(token));
        }
        return request.exchange();
    }

    /** The JSON answer of a request that must have the given status. */
    static JsonNode json(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static Map<String, Object> consultation(String title, String visibility) {
        return Map.of("title", title,
                "summary", "Voluntary commitments on commercial cyber-intrusion capabilities",
                "visibility", visibility,
                "provisions", List.of(
                        Map.of("label", "1", "text", "States should regulate the sale of intrusion tools."),
                        Map.of("label", "2", "text", "Vendors should assess human-rights risks."),
                        Map.of("label", "2.a", "text", "Assessments should be published.")));
    }
}
