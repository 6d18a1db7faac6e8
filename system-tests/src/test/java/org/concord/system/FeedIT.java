package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import com.sun.net.httpserver.HttpServer;
import org.xml.sax.InputSource;
import reactor.core.publisher.Flux;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * The change feeds through the gateway: a subscriber gets the events of a write as server-sent events
 * with the global position as id, resumes with Last-Event-ID (which wins over {@code ?after=}), and the
 * Atom feed of versions is valid for a feed parser, whatever its texts hold.
 */
class FeedIT {

    private static ConcordApi api;
    private static String drafter;

    @BeforeAll
    static void register() {
        api = new ConcordApi(ConcordProcesses.shared());
        drafter = api.registerToken("Feed Secretariat", "INTERNATIONAL_ORGANISATION", "FR", "DRAFTER");
    }

    @Test
    void a_subscriber_sees_a_write_with_its_position_as_id_and_resumes_after_it() {
        JsonNode created = json(api.createConsultation(drafter, "Fed consultation", "PUBLIC"), 201);
        String c = created.get("consultationId").asText();
        long position = created.get("position").asLong();

        Flux<ServerSentEvent<String>> live = api.http.get().uri("/api/consultations/{id}/feed?after={after}", c, position - 1)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody();
        List<ServerSentEvent<String>> first = live.filter(event -> event.id() != null).take(1).collectList().block(Duration.ofSeconds(20));
        assertThat(first.get(0).id()).isEqualTo(Long.toString(position));
        assertThat(first.get(0).event()).isEqualTo("ConsultationCreated");

        JsonNode round = json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", "2099-01-01T00:00:00Z"), c), 201);
        List<ServerSentEvent<String>> resumed = api.http.get().uri("/api/consultations/{id}/feed", c)
                .header("Last-Event-ID", Long.toString(position)).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody()
                .filter(event -> event.id() != null).take(1).collectList().block(Duration.ofSeconds(20));
        assertThat(resumed.get(0).event()).isEqualTo("RoundOpened");
        assertThat(resumed.get(0).id()).isEqualTo(Long.toString(round.get("position").asLong()));
    }

    @Test
    void a_reconnecting_client_resumes_after_its_last_event_id_even_when_its_url_says_after_0() {
        JsonNode created = json(api.createConsultation(drafter, "Reconnected consultation", "PUBLIC"), 201);
        String c = created.get("consultationId").asText();
        long position = created.get("position").asLong();
        JsonNode round = json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", "2099-01-01T00:00:00Z"), c), 201);

        // a standard EventSource repeats the URL it was opened with and adds the last id it received
        List<ServerSentEvent<String>> resumed = api.http.get().uri("/api/consultations/{id}/feed?after=0", c)
                .header("Last-Event-ID", Long.toString(position)).accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                }).getResponseBody()
                .filter(event -> event.id() != null).take(1).collectList().block(Duration.ofSeconds(20));
        assertThat(resumed.get(0).id()).isEqualTo(Long.toString(round.get("position").asLong()));
        assertThat(resumed.get(0).event()).isEqualTo("RoundOpened");
    }

    @Test
    void a_webhook_is_registered_by_its_owner_only_with_a_url_and_a_secret_and_logs_its_deliveries() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> signatures = new CopyOnWriteArrayList<>();
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            signatures.add(exchange.getRequestHeaders().getFirst("X-Concord-Signature"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            JsonNode invalid = json(api.post(drafter, "/api/webhooks", Map.of("url", "ftp://example.org", "secret", "short")), 400);
            assertThat(invalid.get("errors").findValuesAsText("field")).contains("url", "secret");
            api.post(null, "/api/webhooks", Map.of("url", url, "secret", "0123456789abcdef")).expectStatus().isUnauthorized();
            JsonNode registered = json(api.post(drafter, "/api/webhooks", Map.of("url", url, "secret", "0123456789abcdef",
                    "types", List.of("ConsultationCreated"))), 201);
            String webhook = registered.get("webhookId").asText();

            json(api.createConsultation(drafter, "Hooked consultation", "PUBLIC"), 201);

            await().atMost(Duration.ofSeconds(20)).until(() -> !signatures.isEmpty());
            assertThat(signatures.get(0)).startsWith("sha256=");
            // the log is written once the receiver has answered
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    json(api.get(drafter, "/api/webhooks/{id}/deliveries", webhook), 200).findValuesAsText("outcome").contains("DELIVERED"));
            String other = api.registerToken("Another Delegation", "STATE", "IT", "PARTICIPANT");
            json(api.get(other, "/api/webhooks/{id}/deliveries", webhook), 404);
            json(api.http.delete().uri("/api/webhooks/{id}", webhook).header("Authorization", ConcordApi.bearer(drafter)).exchange(), 200);
            json(api.get(drafter, "/api/webhooks/{id}", webhook), 404);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void the_atom_feed_of_versions_is_valid_for_a_feed_parser() throws Exception {
        JsonNode created = json(api.createConsultation(drafter, "Atom & versions <b>", "PUBLIC"), 201);
        String c = created.get("consultationId").asText();
        JsonNode detail = json(api.get(null, "/api/consultations/{id}?minPosition={p}", c, created.get("position").asLong()), 200);
        String p1 = detail.at("/provisions/0/provisionId").asText();
        JsonNode revised = json(api.post(drafter, "/api/consultations/{id}/revisions", Map.of("baseVersion", 1, "reason", "Tighter & clearer",
                "changes", List.of(Map.of("kind", "REPLACE", "provisionId", p1, "text", "States must regulate intrusion tools."))), c), 201);
        json(api.get(null, "/api/consultations/{id}/versions?minPosition={p}", c, revised.get("position").asLong()), 200);

        String atom = api.get(null, "/api/consultations/{id}/feed.atom", c).expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/atom+xml")
                .expectBody(String.class).returnResult().getResponseBody();
        SyndFeed feed = new SyndFeedInput().build(new InputSource(new StringReader(atom)));

        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getTitle()).isEqualTo("Atom & versions <b>");
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly("Version 2: revised by the drafters", "Version 1: created");
        assertThat(feed.getEntries().get(0).getDescription().getValue()).contains("Tighter & clearer");
        assertThat(feed.getEntries().get(0).getLink()).endsWith("/api/consultations/" + c + "/versions/2");
    }

    @Test
    void the_atom_feed_is_xml_when_a_text_holds_characters_xml_cannot_carry() throws Exception {
        // U+000B is the manual line break Word puts into pasted text; NUL and U+FFFF have no place in XML either
        JsonNode created = json(api.post(drafter, "/api/consultations", Map.of("title", "Pasted\u0000 from Word\uFFFF",
                "summary", "First line\u000Bsecond line", "visibility", "PUBLIC",
                "provisions", List.of(Map.of("label", "1", "text", "States should regulate spyware.")))), 201);
        String c = created.get("consultationId").asText();
        JsonNode detail = json(api.get(null, "/api/consultations/{id}?minPosition={p}", c, created.get("position").asLong()), 200);
        assertThat(detail.get("summary").asText()).as("the text as stored").isEqualTo("First line\u000Bsecond line");

        String atom = api.get(null, "/api/consultations/{id}/feed.atom", c).expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        SyndFeed feed = new SyndFeedInput().build(new InputSource(new StringReader(atom)));

        assertThat(feed.getDescription()).isEqualTo("First line\nsecond line");
        assertThat(feed.getTitle()).isEqualTo("Pasted\uFFFD from Word\uFFFD");
    }
}
