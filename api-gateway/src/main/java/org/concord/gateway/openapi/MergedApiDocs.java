package org.concord.gateway.openapi;

import org.concord.gateway.balancing.BalancedService;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /v3/api-docs/concord}: the command side's and the query side's OpenAPI documents merged
 * into one document of the whole public API, whose server is the gateway. Fetched afresh each time,
 * so it always describes the services that are running; from any one instance of each, as all are alike.
 */
@Component
class MergedApiDocs {

    static final String PATH = "/v3/api-docs/concord";
    private static final String SERVICE_DOCS = "/v3/api-docs";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> READS = Set.of("get", "head");
    private static final Map<String, String> EVERY_OPERATION = Map.of(
            "429", "Too many requests from this participant or address, or too many open feeds; `Retry-After` says when to try again",
            "5XX", "A Concord service is unavailable or slow (502, 503, 504): try again, with the same `Idempotency-Key` for a write."
                    + " A 500 is a defect. A change feed is answered 200 with `retry:` instead, so that EventSource reconnects");
    private static final Map<String, String> EVERY_WRITE = Map.of(
            "413", "The request body is larger than this endpoint accepts",
            "415", "The body is not `application/json`",
            "422", "This `Idempotency-Key` was used before with another path or body");

    private final JsonMapper jsonMapper;
    private final WebClient webClient;

    MergedApiDocs(JsonMapper jsonMapper, WebClient.Builder webClients, LoadBalancedExchangeFilterFunction loadBalancer) {
        this.jsonMapper = jsonMapper;
        this.webClient = webClients.clone().filter(loadBalancer).build();
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        String gateway = UriComponentsBuilder.fromUri(request.uri()).replacePath(null).replaceQuery(null)
                .fragment(null).build().toUriString();
        return Mono.zip(fetch(BalancedService.COMMAND_SIDE), fetch(BalancedService.QUERY_SIDE))
                .map(documents -> merge(gateway, documents.getT1(), documents.getT2()))
                .flatMap(merged -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(merged));
    }

    private Mono<ObjectNode> fetch(BalancedService service) {
        return webClient.get().uri(service.loadBalancedBaseUrl() + SERVICE_DOCS)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(ObjectNode.class)
                .timeout(TIMEOUT);
    }

    private ObjectNode merge(String gateway, ObjectNode commands, ObjectNode queries) {
        ObjectNode merged = jsonMapper.createObjectNode();
        merged.put("openapi", commands.path("openapi").asString("3.0.1"));
        merged.putObject("info")
                .put("title", "Concord API")
                .put("version", commands.path("info").path("version").asString("v1"))
                .put("description", "Concord's whole public API: the commands and the queries, both served by the api-gateway.");
        merged.putArray("servers").addObject().put("url", gateway).put("description", "the api-gateway");
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        for (ObjectNode document : List.of(commands, queries)) {
            document.path("tags").forEach(tag -> addTag(tags, tag));
            // a path may have its writes on the command side and its reads on the query side
            document.path("paths").properties().forEach(path -> {
                JsonNode operations = path.getValue();
                if (paths.has(path.getKey()) && operations.isObject()) {
                    ((ObjectNode) paths.get(path.getKey())).setAll((ObjectNode) operations.deepCopy());
                } else {
                    paths.set(path.getKey(), operations.deepCopy());
                }
            });
            // both services declare the shared pieces (Problem, the error responses, bearerAuth) alike
            document.path("components").properties().forEach(section -> {
                ObjectNode mergedSection = components.has(section.getKey())
                        ? (ObjectNode) components.get(section.getKey()) : components.putObject(section.getKey());
                section.getValue().properties().forEach(entry -> {
                    if (!mergedSection.has(entry.getKey())) {
                        mergedSection.set(entry.getKey(), entry.getValue().deepCopy());
                    }
                });
            });
        }
        addCommonAnswers(paths, components);
        return merged;
    }

    /**
     * The answers any operation may get whichever service runs it: from the gateway (rate limits, a
     * service down), and for writes from what every service shares (body limits, idempotency keys).
     */
    private static void addCommonAnswers(ObjectNode paths, ObjectNode components) {
        ObjectNode responses = components.has("responses") ? (ObjectNode) components.get("responses") : components.putObject("responses");
        Map<String, String> all = new TreeMap<>(EVERY_OPERATION);
        all.putAll(EVERY_WRITE);
        all.forEach((status, description) -> {
            if (!responses.has(status)) {
                ObjectNode response = responses.putObject(status).put("description", description);
                response.putObject("content").putObject(MediaType.APPLICATION_PROBLEM_JSON_VALUE).putObject("schema")
                        .put("$ref", "#/components/schemas/Problem");
            }
        });
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode answers = operation.getValue().path("responses");
            if (!(answers instanceof ObjectNode known)) {
                return;
            }
            Map<String, String> common = new TreeMap<>(EVERY_OPERATION);
            if (!READS.contains(operation.getKey())) {
                common.putAll(EVERY_WRITE);
            }
            common.keySet().forEach(status -> {
                if (!known.has(status)) {
                    known.putObject(status).put("$ref", "#/components/responses/" + status);
                }
            });
        }));
    }

    private static void addTag(ArrayNode tags, JsonNode tag) {
        for (JsonNode known : tags) {
            if (known.path("name").equals(tag.path("name"))) {
                return;
            }
        }
        tags.add(tag.deepCopy());
    }
}
