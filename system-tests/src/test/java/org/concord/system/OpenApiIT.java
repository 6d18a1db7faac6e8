package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The API reference the gateway serves: one OpenAPI document of every public endpoint, and swagger-ui. */
class OpenApiIT {

    /** Every endpoint of API.md built so far; path variables are named as in API.md, not necessarily as in the code. */
    private static final List<String> BUILT = List.of(
            "POST /api/participants",
            "GET /api/participants",
            "GET /api/me",
            "POST /api/participants/{id}/revoke",
            "POST /api/consultations",
            "GET /api/consultations",
            "GET /api/consultations/{id}",
            "POST /api/consultations/{id}/rounds",
            "POST /api/consultations/{id}/rounds/current/close",
            "POST /api/consultations/{id}/revisions",
            "POST /api/consultations/{id}/adopt",
            "POST /api/consultations/{id}/endorsements",
            "GET /api/consultations/{id}/endorsements",
            "POST /api/consultations/{id}/amendments",
            "GET /api/consultations/{id}/amendments",
            "GET /api/consultations/{id}/amendments/{aid}",
            "POST /api/consultations/{id}/amendments/{aid}/support",
            "DELETE /api/consultations/{id}/amendments/{aid}/support",
            "POST /api/consultations/{id}/amendments/{aid}/withdraw",
            "POST /api/consultations/{id}/amendments/{aid}/accept",
            "POST /api/consultations/{id}/amendments/{aid}/reject",
            "POST /api/consultations/{id}/comments",
            "GET /api/consultations/{id}/comments",
            // negotiating the text (issue #20)
            "POST /api/consultations/{id}/provisions/{pid}/status",
            "POST /api/consultations/{id}/provisions/{pid}/brackets",
            "POST /api/consultations/{id}/brackets/{bid}/alternatives/{alt}/support",
            "DELETE /api/consultations/{id}/brackets/{bid}/alternatives/{alt}/support",
            "POST /api/consultations/{id}/brackets/{bid}/resolve",
            "GET /api/consultations/{id}/brackets",
            "GET /api/consultations/{id}/brackets/{bid}",
            "POST /api/consultations/{id}/compromises",
            "GET /api/consultations/{id}/compromises",
            "GET /api/consultations/{id}/compromises/{kid}",
            "POST /api/consultations/{id}/compromises/{kid}/consent",
            "POST /api/consultations/{id}/compromises/{kid}/object",
            "POST /api/consultations/{id}/compromises/{kid}/accept",
            "POST /api/consultations/{id}/compromises/{kid}/withdraw",
            "POST /api/consultations/{id}/provisions/{pid}/ad-referendum",
            "POST /api/consultations/{id}/provisions/{pid}/ad-referendum/confirm",
            "POST /api/consultations/{id}/provisions/{pid}/ad-referendum/withdraw",
            "POST /api/consultations/{id}/silence",
            "GET /api/consultations/{id}/silence",
            "GET /api/consultations/{id}/silence/{sid}",
            "POST /api/consultations/{id}/silence/current/break");

    /** The endpoints of {@link #BUILT} that take a JSON body. */
    private static final Set<String> WITH_BODY = Set.of(
            "POST /api/participants",
            "POST /api/consultations",
            "POST /api/consultations/{}/rounds",
            "POST /api/consultations/{}/revisions",
            "POST /api/consultations/{}/amendments",
            "POST /api/consultations/{}/amendments/{}/accept",
            "POST /api/consultations/{}/amendments/{}/reject",
            "POST /api/consultations/{}/comments",
            "POST /api/consultations/{}/provisions/{}/status",
            "POST /api/consultations/{}/provisions/{}/brackets",
            "POST /api/consultations/{}/brackets/{}/resolve",
            "POST /api/consultations/{}/compromises",
            "POST /api/consultations/{}/compromises/{}/object",
            "POST /api/consultations/{}/compromises/{}/accept",
            "POST /api/consultations/{}/compromises/{}/withdraw",
            "POST /api/consultations/{}/provisions/{}/ad-referendum/withdraw",
            "POST /api/consultations/{}/silence",
            "POST /api/consultations/{}/silence/current/break");

    private static final List<String> METHODS = List.of("get", "head", "post", "put", "patch", "delete");
    /** An endpoint of docs/api.md: a table row whose first cell is {@code `METHOD /path`}. */
    private static final Pattern ENDPOINT_ROW = Pattern.compile("(?m)^\\| `(GET|HEAD|POST|PUT|PATCH|DELETE) (/[^`\\s]*)` \\|");

    private static ConcordProcesses concord;
    private static ConcordApi api;
    private static JsonNode document;
    private static Map<String, JsonNode> operations;

    @BeforeAll
    static void fetchTheDocument() {
        concord = ConcordProcesses.shared();
        api = new ConcordApi(concord);
        document = ConcordApi.json(api.get(null, "/v3/api-docs/concord"), 200);
        operations = new TreeMap<>();
        document.path("paths").properties().forEach(path -> METHODS.stream()
                .filter(method -> path.getValue().has(method))
                .forEach(method -> operations.put(method.toUpperCase() + " " + normalised(path.getKey()),
                        path.getValue().get(method))));
    }

    @Test
    void the_merged_document_has_every_endpoint_built_so_far() {
        assertThat(operations.keySet())
                .containsAll(BUILT.stream().map(OpenApiIT::normalised).toList());
        assertThat(document.path("servers").get(0).path("url").asText()).isEqualTo(concord.gateway().toString());
    }

    /** The reference in the repository lists exactly the endpoints of the document, path variables named alike. */
    @Test
    void the_api_reference_in_docs_lists_every_endpoint_of_the_document_and_no_other() throws IOException {
        Path reference = Path.of(System.getProperty("concord.root", "..")).resolve("docs/api.md");
        Set<String> listed = new TreeSet<>();
        Matcher row = ENDPOINT_ROW.matcher(Files.readString(reference));
        while (row.find()) {
            listed.add(row.group(1) + " " + row.group(2));
        }
        Set<String> documented = new TreeSet<>();
        document.path("paths").properties().forEach(path -> METHODS.stream().filter(method -> path.getValue().has(method))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(listed).as("the endpoints listed in docs/api.md (table rows starting | `METHOD /path` |)")
                .containsExactlyInAnyOrderElementsOf(documented);
    }

    @Test
    void internal_and_operational_endpoints_are_left_out() {
        List<String> paths = new ArrayList<>();
        document.path("paths").properties().forEach(path -> paths.add(path.getKey()));
        assertThat(paths).doesNotContain("/internal/credentials/{tokenHash}")
                .allSatisfy(path -> assertThat(path).startsWith("/api/"));
    }

    @Test
    void every_request_body_has_an_example() {
        List<String> withBody = operations.entrySet().stream()
                .filter(operation -> operation.getValue().has("requestBody"))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(withBody).containsAll(WITH_BODY);
        for (String operation : withBody) {
            JsonNode json = operations.get(operation).path("requestBody").path("content").path("application/json");
            JsonNode example = json.has("example") ? json.get("example") : resolve(json.path("schema")).path("example");
            assertThat(example.isObject() || json.has("examples")).as("example of %s", operation).isTrue();
        }
        JsonNode consultation = resolve(operations.get("POST /api/consultations")
                .at("/requestBody/content/application~1json/schema")).path("example");
        assertThat(consultation.findValuesAsText("label")).contains("1", "2", "2.a");
    }

    @Test
    void writes_and_reads_document_the_token_the_errors_and_their_own_headers() {
        assertThat(document.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        operations.forEach((operation, description) -> {
            List<String> parameters = new ArrayList<>();
            description.path("parameters").forEach(parameter -> parameters.add(resolve(parameter).path("name").asText()));
            assertThat(parameters).as("parameters of %s", operation).doesNotContain("caller");
            assertThat(description.path("security").toString()).as("security of %s", operation).contains("bearerAuth");
            for (String status : List.of("400", "401", "404")) {
                JsonNode problem = resolve(description.path("responses").path(status))
                        .path("content").path("application/problem+json").path("schema");
                assertThat(resolve(problem).path("properties").has("detail")).as("%s of %s", status, operation).isTrue();
            }
            if (operation.startsWith("GET ")) {
                assertThat(parameters).as("parameters of %s", operation).contains("minPosition", "X-Concord-Min-Position");
            }
            if (operation.startsWith("POST ")) {
                assertThat(parameters).as("parameters of %s", operation).contains("Idempotency-Key");
                assertThat(description.path("responses").has("403") && description.path("responses").has("409"))
                        .as("403 and 409 answers of %s", operation).isTrue();
            }
        });
    }

    @Test
    void each_service_document_is_served_through_the_gateway() {
        assertThat(ConcordApi.json(api.get(null, "/v3/api-docs/commands"), 200).path("paths").has("/api/consultations"))
                .isTrue();
        assertThat(ConcordApi.json(api.get(null, "/v3/api-docs/queries"), 200).path("paths").has("/api/consultations"))
                .isTrue();
    }

    /**
     * The gateway keeps the first of two schemas of one name (the command side's), so a name both services give to
     * different shapes would document one service's answers with the other's (a request body named like an answer).
     */
    @Test
    void no_schema_name_stands_for_two_shapes() {
        JsonNode commands = ConcordApi.json(api.get(null, "/v3/api-docs/commands"), 200).path("components").path("schemas");
        JsonNode queries = ConcordApi.json(api.get(null, "/v3/api-docs/queries"), 200).path("components").path("schemas");
        List<String> clashes = new ArrayList<>();
        queries.fieldNames().forEachRemaining(name -> {
            if (commands.has(name) && !commands.get(name).equals(queries.get(name))) {
                clashes.add(name);
            }
        });
        assertThat(clashes).as("schemas named alike by both services but shaped differently").isEmpty();
    }

    @Test
    void swagger_ui_is_served() throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(concord.gateway() + "/swagger-ui.html"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).containsIgnoringCase("swagger-ui");
    }

    /** The object a {@code $ref} points to in the document, or the node itself when it is no reference. */
    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : node;
    }

    /** {@code POST /api/consultations/{id}} and {@code POST /api/consultations/{consultationId}} are the same endpoint. */
    private static String normalised(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }
}
