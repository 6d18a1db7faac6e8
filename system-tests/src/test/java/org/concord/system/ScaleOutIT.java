package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.concord.testing.MongoDbExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * Two command sides and two query sides behind one gateway, on one MongoDB (issue #8): the gateway
 * reaches every instance, the query sides split every projection's segments, and after one command side
 * and one query side are killed (kill -9) every write and read still succeeds, the survivor takes the
 * segments over and the read models converge. A rebuild of the read models is refused while two query
 * sides run. A Concord of its own: the shared one runs one of each.
 */
class ScaleOutIT {

    private static final String INSTANCE = "X-Concord-Instance";
    private static final List<String> PROCESSORS = List.of("comments", "consultations", "history", "participants");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient DIRECT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static ConcordProcesses concord;
    private static ConcordApi api;

    @BeforeAll
    static void startTwoOfEach() {
        concord = ConcordProcesses.start(MongoDbExtension.newDatabase(), 2, 2);
        api = new ConcordApi(concord);
    }

    @AfterAll
    static void stop() {
        if (concord != null) {
            concord.close();
        }
    }

    @Test
    void two_of_each_share_the_work_and_one_of_each_carries_on_alone_after_the_other_is_killed() throws Exception {
        List<ConcordProcesses.Instance> querySides = concord.instances("query-side");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> segmentsHeld(querySides.get(0)).values().stream().allMatch(segments -> segments.size() == 2)
                        && segmentsHeld(querySides.get(1)).values().stream().allMatch(segments -> segments.size() == 2));
        for (String processor : PROCESSORS) {
            Set<Integer> together = new TreeSet<>(segmentsHeld(querySides.get(0)).get(processor));
            together.addAll(segmentsHeld(querySides.get(1)).get(processor));
            assertThat(together).as("the segments of %s between the two query sides", processor).containsExactly(0, 1, 2, 3);
        }

        // a rebuild resets every segment, so it is refused while another query side holds some, and changes nothing
        JsonNode refused = json(api.post(ConcordApi.ADMIN, "/api/admin/replay", null), 409);
        assertThat(refused.get("detail").asText()).contains("2 query-side processes are running");
        assertThat(json(api.get(ConcordApi.ADMIN, "/api/admin/replay"), 200).get("state").asText()).isEqualTo("IDLE");

        String drafter = api.registerToken("Scale Secretariat", "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER");
        Set<String> commandInstances = new HashSet<>();
        Set<String> queryInstances = new HashSet<>();
        List<String> consultations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            EntityExchangeResult<JsonNode> created = created(drafter, "Before " + i);
            commandInstances.add(created.getResponseHeaders().getFirst(INSTANCE));
            String id = created.getResponseBody().get("consultationId").asText();
            consultations.add(id);
            api.get(drafter, "/api/consultations/{id}?minPosition={p}", id, created.getResponseBody().get("position").asLong())
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-Concord-Caught-Up", "true")
                    .expectHeader().value(INSTANCE, queryInstances::add);
        }
        assertThat(commandInstances).containsExactlyInAnyOrder("command-side-1", "command-side-2");
        assertThat(queryInstances).containsExactlyInAnyOrder("query-side-1", "query-side-2");

        // a change feed through the balancer: opened before a write, it shows the write
        Flux<ServerSentEvent<String>> feed = api.http.get().uri("/api/consultations/{id}/feed", consultations.get(0))
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody();
        JsonNode round = json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", "2099-01-01T00:00:00Z"),
                consultations.get(0)), 201);
        List<ServerSentEvent<String>> seen = feed.filter(event -> "RoundOpened".equals(event.event())).take(1)
                .collectList().block(Duration.ofSeconds(20));
        assertThat(seen).extracting(ServerSentEvent::id).containsExactly(Long.toString(round.get("position").asLong()));

        ConcordProcesses.Instance deadCommandSide = concord.instances("command-side").get(1);
        ConcordProcesses.Instance deadQuerySide = querySides.get(1);
        kill(deadCommandSide);
        kill(deadQuerySide);

        long lastPosition = 0;
        for (int i = 0; i < 6; i++) {
            EntityExchangeResult<JsonNode> created = created(drafter, "After " + i);
            assertThat(created.getResponseHeaders().getFirst(INSTANCE)).isEqualTo("command-side-1");
            consultations.add(created.getResponseBody().get("consultationId").asText());
            lastPosition = created.getResponseBody().get("position").asLong();
            api.get(null, "/api/consultations").expectStatus().isOk().expectHeader().valueEquals(INSTANCE, "query-side-1");
        }

        ConcordProcesses.Instance survivor = querySides.get(0);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> segmentsHeld(survivor).values().stream().allMatch(segments -> segments.size() == 4));
        JsonNode listed = json(api.get(drafter, "/api/consultations?minPosition={p}", lastPosition)
                .expectHeader().valueEquals("X-Concord-Caught-Up", "true"), 200);
        List<String> ids = new ArrayList<>();
        listed.forEach(consultation -> ids.add(consultation.get("consultationId").asText()));
        assertThat(ids).containsExactlyInAnyOrderElementsOf(consultations);
    }

    private static EntityExchangeResult<JsonNode> created(String drafter, String title) {
        return api.createConsultation(drafter, title, "PUBLIC").expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult();
    }

    private static void kill(ConcordProcesses.Instance instance) throws InterruptedException {
        instance.process().destroyForcibly();
        assertThat(instance.process().waitFor(20, TimeUnit.SECONDS)).as(instance.name() + " killed").isTrue();
    }

    /** The segments of each projection a query-side process holds, from its {@code /actuator/processors}. */
    private static Map<String, Set<Integer>> segmentsHeld(ConcordProcesses.Instance querySide) throws IOException, InterruptedException {
        HttpResponse<String> response = DIRECT.send(HttpRequest.newBuilder(querySide.managementUri().resolve("/actuator/processors"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode processors = JSON.readTree(response.body()).get("processors");
        Map<String, Set<Integer>> held = new TreeMap<>();
        for (String processor : PROCESSORS) {
            Set<Integer> segments = new TreeSet<>();
            processors.get(processor).get("segments").forEach(segment -> segments.add(segment.get("segment").asInt()));
            held.put(processor, segments);
        }
        return held;
    }
}
