package org.concord.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.concord.gateway.balancing.BalancedService;
import org.springframework.cloud.client.loadbalancer.reactive.LoadBalancedExchangeFilterFunction;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

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

    private final ObjectMapper objectMapper;
    private final WebClient webClient;

    MergedApiDocs(ObjectMapper objectMapper, WebClient.Builder webClients, LoadBalancedExchangeFilterFunction loadBalancer) {
        this.objectMapper = objectMapper;
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
        ObjectNode merged = objectMapper.createObjectNode();
        merged.put("openapi", commands.path("openapi").asText("3.0.1"));
        merged.putObject("info")
                .put("title", "Concord API")
                .put("version", commands.path("info").path("version").asText("v1"))
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
        return merged;
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
