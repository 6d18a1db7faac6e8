package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The OpenAPI document the gateway serves ({@code /v3/api-docs/concord}), held against every answer the
 * system tests receive: the operation and its status must be documented, the content type listed, and a
 * JSON body must validate against the documented schema (JSON Schema 2020-12, as OpenAPI 3.1 says). A
 * client generated from the document must be able to read whatever Concord answers.
 */
final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = "https://concord.invalid/v3/api-docs/concord";
    private static final Map<URI, OpenApiContract> BY_GATEWAY = new ConcurrentHashMap<>();
    private static final Set<String> METHODS = Set.of("get", "head", "post", "put", "patch", "delete");

    private final JsonNode document;
    private final JsonSchemaFactory schemas;
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** The contract of the Concord behind {@code gateway}, fetched once. */
    static OpenApiContract of(URI gateway) {
        return BY_GATEWAY.computeIfAbsent(gateway, OpenApiContract::fetch);
    }

    private static OpenApiContract fetch(URI gateway) {
        // a service builds its document at the first request, which on a busy machine may outlast the gateway's
        // 10 s (a 504): an answer of 5xx is asked again, for a minute
        HttpResponse<String> response = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> document(gateway), answer -> answer.statusCode() < 500);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The gateway answered " + response.statusCode() + " for its OpenAPI document");
        }
        try {
            return new OpenApiContract(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> document(URI gateway) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway.resolve("/v3/api-docs/concord"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private OpenApiContract(String text) throws IOException {
        document = JSON.readTree(text);
        schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance())
                .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT, text))));
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), template(path.getKey())));
            }
        }));
        // a literal segment wins over a path variable: /rounds/current/close before /rounds/{round}/close
        operations.sort(Comparator.comparingLong(operation -> operation.path().chars().filter(c -> c == '{').count()));
    }

    /**
     * Whatever in one answer the document does not describe; empty when it describes it all. Only answers
     * of the public API ({@code /api/**}) are held against it.
     */
    List<String> violations(String method, URI uri, int status, String contentType, byte[] body) {
        String path = uri.getRawPath();
        if (!path.startsWith("/api/")) {
            return List.of();
        }
        String call = method + " " + path + " → " + status;
        Optional<Operation> found = operations.stream()
                .filter(operation -> operation.method().equals(method) && operation.template().matcher(path).matches()).findFirst();
        if (found.isEmpty()) {
            // a path no operation has is refused by the gateway with 404 or 405 before any service sees it
            return status == 404 || status == 405 ? List.of() : List.of(call + ": no such operation in the OpenAPI document");
        }
        Operation operation = found.get();
        JsonNode responses = document.path("paths").path(operation.path()).path(method.toLowerCase()).path("responses");
        String code = responses.has(Integer.toString(status)) ? Integer.toString(status)
                : responses.has(status / 100 + "XX") ? status / 100 + "XX" : responses.has("default") ? "default" : null;
        if (code == null) {
            return List.of(call + ": status not documented (documented: " + names(responses) + ")");
        }
        String responsePointer = "/paths/" + escape(operation.path()) + "/" + method.toLowerCase() + "/responses/" + code;
        JsonNode response = responses.path(code);
        if (response.has("$ref")) {
            // a response shared by many operations, e.g. #/components/responses/404
            responsePointer = response.get("$ref").asText().substring(1);
            response = document.at(responsePointer);
        }
        JsonNode content = response.path("content");
        if (body.length == 0 && (content.isMissingNode() || status == 204 || method.equals("HEAD"))) {
            return List.of();
        }
        if (contentType == null) {
            return List.of(call + ": a body without a content type");
        }
        String mediaType = contentType.split(";")[0].trim().toLowerCase();
        String documented = content.has(mediaType) ? mediaType : content.has("*/*") ? "*/*" : null;
        if (documented == null) {
            return List.of(call + ": content type " + mediaType + " not documented (documented: " + names(content) + ")");
        }
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            return List.of();
        }
        if (!content.path(documented).has("schema")) {
            return List.of();
        }
        String pointer = responsePointer + "/content/" + escape(documented) + "/schema";
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            return List.of(call + ": the body is not JSON");
        }
        JsonSchema schema = compiled.computeIfAbsent(pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + p), config));
        return schema.validate(answer).stream().map(ValidationMessage::getMessage).sorted()
                .map(message -> call + " (schema " + operation.path() + " " + code + "): " + message).toList();
    }

    /** Fails at once, naming every violation, when the document does not describe the answer. */
    void check(String method, URI uri, int status, String contentType, byte[] body) {
        List<String> violations = violations(method, uri, status, contentType, body);
        if (!violations.isEmpty()) {
            throw new AssertionError("The answer does not match the OpenAPI document:\n  " + String.join("\n  ", violations));
        }
    }

    /** Checks an answer received with the JDK's client as text. */
    HttpResponse<String> check(HttpResponse<String> response) {
        return check(response, response.body().getBytes(StandardCharsets.UTF_8));
    }

    /** Checks an answer received with the JDK's client, whose body was read as {@code body}. */
    <T> HttpResponse<T> check(HttpResponse<T> response, byte[] body) {
        check(response.request().method(), response.uri(), response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null), body);
        return response;
    }

    private static String names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String escape(String pointerSegment) {
        return pointerSegment.replace("~", "~0").replace("/", "~1");
    }

    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private record Operation(String method, String path, Pattern template) {
    }
}
