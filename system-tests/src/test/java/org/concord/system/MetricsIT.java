package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * Each service's Prometheus scrape, after a few writes through the gateway: the metrics the operator kit's
 * alerts and dashboard read are there, with their labels, and count what the writes did. The gateway
 * serves its actuator on its management port only.
 */
class MetricsIT {

    private static final HttpClient DIRECT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<String> PROCESSORS = List.of("consultations", "participants", "comments", "history", "audit");

    private static ConcordProcesses concord;

    @BeforeAll
    static void writeThroughTheGateway() {
        concord = ConcordProcesses.shared();
        ConcordApi api = new ConcordApi(concord);
        String drafter = api.registerToken("Metrics Secretariat", "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER");
        String participant = api.registerToken("Republic of Metrics", "STATE", "AT", "PARTICIPANT");

        String key = UUID.randomUUID().toString();
        JsonNode created = json(createKeyed(api, drafter, key), 201);
        createKeyed(api, drafter, key).expectStatus().isCreated().expectHeader().valueEquals("Idempotency-Replayed", "true");
        String c = created.get("consultationId").asText();
        String provision = json(api.get(drafter, "/api/consultations/{id}?minPosition={p}", c, created.get("position").asLong()), 200)
                .at("/provisions/0/provisionId").asText();

        // refused by the aggregate: a round cannot end in the past
        json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", Instant.now().minus(Duration.ofHours(1)).toString()), c), 400);
        json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", Instant.now().plus(Duration.ofHours(1)).toString()), c), 201);
        JsonNode comment = json(api.post(participant, "/api/consultations/{id}/comments", Map.of("provisionId", provision,
                "body", "Counted", "attribution", "ATTRIBUTED"), c), 201);
        json(api.get(null, "/api/consultations/{id}/comments?minPosition={p}", c, comment.get("position").asLong()), 200);
    }

    private static WebTestClient.ResponseSpec createKeyed(ConcordApi api, String token, String key) {
        return api.http.post().uri("/api/consultations")
                .header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(token))
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(ConcordApi.consultation("Measured consultation", "PUBLIC"))
                .exchange();
    }

    @Test
    void the_command_side_counts_commands_by_outcome_appends_and_replays() {
        Scrape scrape = scrape(concord.instances("command-side").get(0).managementUri());

        assertThat(scrape.value("concord_commands_seconds_count", "command", "CreateConsultation", "outcome", "success")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("concord_commands_seconds_count", "command", "PostComment", "outcome", "success")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("concord_commands_seconds_count", "command", "OpenRound", "outcome", "refused")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("concord_events_appended_total")).isPositive();
        assertThat(scrape.value("concord_events_append_seconds_count", "outcome", "success")).isPositive();
        assertThat(scrape.value("concord_events_safe_position")).isPositive();
        assertThat(scrape.value("concord_idempotency_replays_total")).isGreaterThanOrEqualTo(1);
        assertThat(scrape.all()).as("every sample names its application")
                .allSatisfy(sample -> assertThat(sample.labels()).containsEntry("application", "command-side"));
        assertThat(scrape.names()).contains("jvm_memory_used_bytes", "process_cpu_usage", "process_uptime_seconds");
    }

    @Test
    void the_query_side_reports_each_projections_position_and_lag_feeds_and_webhooks() {
        URI querySide = concord.instances("query-side").get(0).managementUri();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Scrape scrape = scrape(querySide);
            for (String processor : PROCESSORS) {
                assertThat(scrape.value("concord_processor_position", "processor", processor)).as(processor).isPositive();
            }
        });
        Scrape scrape = scrape(querySide);
        for (String processor : PROCESSORS) {
            assertThat(scrape.value("concord_processor_lag_events", "processor", processor)).as(processor).isNotNegative();
            assertThat(scrape.value("concord_processor_lag_seconds", "processor", processor)).as(processor).isNotNegative();
        }
        assertThat(scrape.value("concord_events_safe_position")).isPositive();
        assertThat(scrape.value("concord_feeds_open", "kind", "sse")).isNotNegative();
        for (String outcome : List.of("delivered", "failed", "given_up")) {
            assertThat(scrape.value("concord_webhook_deliveries_total", "outcome", outcome)).as(outcome).isNotNegative();
        }
        assertThat(scrape.value("concord_webhook_backlog")).isNotNegative();
        assertThat(scrape.all()).allSatisfy(sample -> assertThat(sample.labels()).containsEntry("application", "query-side"));
    }

    @Test
    void the_gateway_counts_requests_by_route_and_status_and_its_limits_refusals() {
        Scrape scrape = scrape(concord.gatewayManagement());

        assertThat(scrape.value("spring_cloud_gateway_requests_seconds_count", "routeId", "commands", "httpStatusCode", "201"))
                .isGreaterThanOrEqualTo(3);
        assertThat(scrape.value("spring_cloud_gateway_requests_seconds_count", "routeId", "commands", "httpStatusCode", "400"))
                .isGreaterThanOrEqualTo(1);
        assertThat(scrape.value("spring_cloud_gateway_requests_seconds_count", "routeId", "queries", "httpStatusCode", "200"))
                .isGreaterThanOrEqualTo(2);
        assertThat(scrape.samples("http_server_requests_seconds_count")).isNotEmpty()
                .allSatisfy(sample -> assertThat(sample.labels()).containsKeys("uri", "method", "status", "outcome"));
        for (String limit : List.of("token", "anonymous", "feeds")) {
            assertThat(scrape.value("concord_ratelimit_refusals_total", "limit", limit)).as(limit).isNotNegative();
        }
        assertThat(scrape.all()).allSatisfy(sample -> assertThat(sample.labels()).containsEntry("application", "api-gateway"));
    }

    @Test
    void every_metric_the_monitoring_kit_queries_is_exported() {
        Set<String> exported = new TreeSet<>();
        exported.addAll(scrape(concord.instances("command-side").get(0).managementUri()).names());
        exported.addAll(scrape(concord.instances("query-side").get(0).managementUri()).names());
        exported.addAll(scrape(concord.gatewayManagement()).names());

        assertThat(exported).as("the series the alerts and the dashboard of docs/operations/ read")
                .containsAll(MonitoringKit.exportedMetricNames());
    }

    @Test
    void the_gateways_actuator_answers_on_its_management_port_only() throws Exception {
        for (String path : List.of("/actuator/prometheus", "/actuator/health")) {
            HttpResponse<String> publicly = get(concord.gateway().resolve(path));
            assertThat(publicly.statusCode()).as("public " + path).isEqualTo(404);
            assertThat(publicly.headers().firstValue("Content-Type")).as("public " + path).hasValue("application/problem+json");
            assertThat(get(concord.gatewayManagement().resolve(path)).statusCode()).as("management " + path).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return DIRECT.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Scrape scrape(URI management) {
        try {
            HttpResponse<String> response = get(management.resolve("/actuator/prometheus"));
            assertThat(response.statusCode()).as(management + "/actuator/prometheus").isEqualTo(200);
            return Scrape.parse(response.body());
        } catch (IOException e) {
            throw new AssertionError("Cannot scrape " + management, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** One line of the Prometheus text format: a name, its labels, a value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** A scrape in the Prometheus text format, as a list of samples. */
    record Scrape(List<Sample> all) {

        private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\S+)?$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

        static Scrape parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher matcher = LINE.matcher(line.strip());
                if (!matcher.matches()) {
                    throw new AssertionError("Not a Prometheus sample: " + line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (matcher.group(2) != null) {
                    Matcher label = LABEL.matcher(matcher.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                String value = matcher.group(3).replace("Inf", "Infinity");
                samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(value)));
            }
            return new Scrape(samples);
        }

        List<String> names() {
            return all.stream().map(Sample::name).distinct().toList();
        }

        List<Sample> samples(String name) {
            return all.stream().filter(sample -> sample.name().equals(name)).toList();
        }

        /** The sum of the samples of {@code name} with these labels (name, value pairs); fails when there is none. */
        double value(String name, String... labels) {
            List<Sample> matching = samples(name).stream().filter(sample -> {
                for (int i = 0; i < labels.length; i += 2) {
                    if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
                        return false;
                    }
                }
                return true;
            }).toList();
            assertThat(matching).as(name + " " + List.of(labels) + " in the scrape").isNotEmpty();
            return matching.stream().mapToDouble(Sample::value).sum();
        }
    }
}
