package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpServer;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of one request with {@code CONCORD_LOG_FORMAT=json} and {@code CONCORD_OTLP_ENDPOINT}
 * set: every log line of every service is a JSON object; the request's W3C trace id is in the lines of the
 * gateway and of the command side, in the metadata of the event it stored, and in the spans each service
 * exported over OTLP (here to a collector of the test's own that keeps what it receives). A request whose spans are
 * not recorded (as none are when nothing is exported) is found by its trace id all the same.
 */
class ObservabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<byte[]> exported = new CopyOnWriteArrayList<>();
    private static HttpServer collector;
    private static TestMongoDatabase database;
    private static ConcordProcesses concord;

    @BeforeAll
    static void start() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            exported.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        database = MongoDbExtension.newDatabase();
        concord = ConcordProcesses.start(database, "observability", Map.of(
                "CONCORD_LOG_FORMAT", "json",
                "CONCORD_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort()));
    }

    @AfterAll
    static void stop() {
        if (concord != null) {
            concord.close();
        }
        collector.stop(0);
    }

    @Test
    void one_request_is_found_by_its_trace_id_in_every_log_its_event_and_the_exported_spans() throws IOException {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        JsonNode created = createTraced(traceId, true);

        assertFoundInLogsAndEvent(traceId, created);
        byte[] traceIdBytes = HexFormat.of().parseHex(traceId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(exported.stream()
                .filter(body -> contains(body, traceIdBytes)).count())
                .as("OTLP exports holding the request's spans, from the gateway and from the command side").isGreaterThanOrEqualTo(2));
        for (String service : List.of("api-gateway", "command-side", "query-side")) {
            assertThat(lines(service)).as(service + "'s log").isNotEmpty().allSatisfy(line -> assertThat(line.isObject()).isTrue());
        }
    }

    /**
     * A trace whose spans are not recorded (the caller's {@code traceparent} says so, as every trace does when nothing
     * is exported): its id is still in the lines of each service and in the event's metadata.
     */
    @Test
    void a_request_whose_spans_are_not_recorded_is_still_found_by_its_trace_id() throws IOException {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        JsonNode created = createTraced(traceId, false);

        assertFoundInLogsAndEvent(traceId, created);
    }

    private static JsonNode createTraced(String traceId, boolean sampled) {
        ConcordApi api = new ConcordApi(concord);
        String drafter = api.registerToken("Secretariat " + traceId.substring(0, 6), "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER");
        return api.http.post().uri("/api/consultations")
                .header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(drafter))
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + (sampled ? "-01" : "-00"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ConcordApi.consultation("A traced consultation", "PUBLIC"))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static void assertFoundInLogsAndEvent(String traceId, JsonNode created) throws IOException {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(linesWith(traceId, "api-gateway")).as("the gateway's lines of the request")
                    .anySatisfy(line -> assertThat(line.path("message").asText()).startsWith("POST /api/consultations 201"));
            assertThat(linesWith(traceId, "command-side")).as("the command side's lines of the request")
                    .anySatisfy(line -> assertThat(line.path("message").asText()).startsWith("POST /api/consultations 201"));
        });
        assertThat(eventMetadata(created.get("consultationId").asText()).path("requestTraceId").asText())
                .as("the trace id in the stored event's metadata").isEqualTo(traceId);
    }

    /** Every line of a service's log as JSON; a line that is not JSON fails the test, naming it. */
    private static List<JsonNode> lines(String service) throws IOException {
        return Files.readAllLines(concord.log(service)).stream().filter(line -> !line.isBlank()).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(service + " wrote a line that is not JSON: " + line, e);
            }
        }).toList();
    }

    private static List<JsonNode> linesWith(String traceId, String service) throws IOException {
        return lines(service).stream().filter(line -> traceId.equals(line.path("traceId").asText())).toList();
    }

    private static JsonNode eventMetadata(String consultationId) throws IOException {
        try (MongoClient client = MongoClients.create(database.uri())) {
            Document event = client.getDatabase(database.name()).getCollection("events")
                    .find(new Document("aggregateSequence", consultationId + ":0")).first();
            assertThat(event).as("the consultation's first event").isNotNull();
            return JSON.readTree(event.get("metaData", Binary.class).getData());
        }
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
