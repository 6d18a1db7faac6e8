package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * The Chatham House rule end to end: a comment's author posts under it, and then every read, the
 * feeds and a webhook of an observer, another participant and an anonymous reader are scanned for the
 * author's participant id, organisation and display name. Only drafters and the author may see them.
 */
class ChathamHouseIT {

    private static final String ORGANISATION = "Whistleblower Collective";

    @Test
    void the_author_of_a_chatham_house_comment_reaches_no_one_but_drafters_and_the_author() throws Exception {
        ConcordApi api = new ConcordApi(ConcordProcesses.shared());
        String drafter = api.registerToken("Chatham Secretariat", "INTERNATIONAL_ORGANISATION", "GB", "DRAFTER");
        JsonNode author = api.register(ORGANISATION, "NGO", "NL", "PARTICIPANT");
        String authorToken = author.get("token").asText();
        String authorId = author.get("participantId").asText();
        String other = api.registerToken("Another Delegation", "STATE", "SE", "PARTICIPANT");
        String observer = api.registerToken("Morning Paper", "COMPANY", "FR", "OBSERVER");

        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> webhookBodies = new CopyOnWriteArrayList<>();
        receiver.createContext("/hook", exchange -> {
            webhookBodies.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            json(api.post(observer, "/api/webhooks", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    "secret", "observer-secret-0123", "types", List.of("CommentPosted"))), 201);

            JsonNode created = json(api.createConsultation(drafter, "Chatham House rules", "PUBLIC"), 201);
            String c = created.get("consultationId").asText();
            JsonNode detail = json(api.get(null, "/api/consultations/{id}?minPosition={p}", c, created.get("position").asLong()), 200);
            String provision = detail.at("/provisions/0/provisionId").asText();
            json(api.post(drafter, "/api/consultations/{id}/rounds", Map.of("deadline", Instant.now().plus(Duration.ofHours(1)).toString()), c), 201);
            JsonNode amendment = json(api.post(other, "/api/consultations/{id}/amendments", Map.of("kind", "REPLACE", "provisionId", provision,
                    "baseVersion", 1, "text", "States shall regulate intrusion tools.", "justification", "Firmer"), c), 201);
            JsonNode comment = json(api.post(authorToken, "/api/consultations/{id}/comments", Map.of("provisionId", provision,
                    "body", "Unattributable concern", "attribution", "CHATHAM_HOUSE"), c), 201);
            JsonNode reply = json(api.post(authorToken, "/api/consultations/{id}/comments", Map.of("amendmentId",
                    amendment.get("amendmentId").asText(), "replyTo", comment.get("commentId").asText(), "body", "And a reply",
                    "attribution", "CHATHAM_HOUSE"), c), 201);
            long last = reply.get("position").asLong();
            json(api.get(null, "/api/consultations/{id}/comments?minPosition={p}", c, last), 200);

            List<String> reads = List.of("/api/consultations/" + c, "/api/consultations/" + c + "/comments",
                    "/api/consultations/" + c + "/comments?provisionId=" + provision, "/api/consultations/" + c + "/amendments",
                    "/api/consultations/" + c + "/history", "/api/consultations/" + c + "/statistics",
                    "/api/consultations/" + c + "/dispositions", "/api/consultations/" + c + "/versions",
                    "/api/consultations/" + c + "/provenance", "/api/consultations/" + c + "/diff?from=1&to=1");
            for (String reader : new String[]{null, observer, other}) {
                for (String read : reads) {
                    String body = api.get(reader, read + (read.contains("?") ? "&" : "?") + "minPosition=" + last)
                            .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
                    assertHidden(body, authorId, read);
                }
                List<String> feed = new ArrayList<>();
                api.http.get().uri("/api/consultations/{id}/feed", c).accept(MediaType.TEXT_EVENT_STREAM)
                        .headers(headers -> {
                            if (reader != null) {
                                headers.set(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(reader));
                            }
                        })
                        .exchange().returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
                        }).getResponseBody()
                        .filter(event -> event.id() != null).take(5).map(ServerSentEvent::data)
                        .doOnNext(feed::add).blockLast(Duration.ofSeconds(20));
                assertThat(feed).hasSize(5);
                assertHidden(String.join("\n", feed), authorId, "the feed");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> webhookBodies.size() >= 2);
            assertHidden(String.join("\n", webhookBodies), authorId, "the observer's webhook");

            String drafterView = api.get(drafter, "/api/consultations/" + c + "/history").expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(drafterView).contains(ORGANISATION).contains(authorId);
            String authorView = api.get(authorToken, "/api/consultations/" + c + "/comments").expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(authorView).contains(ORGANISATION);
        } finally {
            receiver.stop(0);
        }
    }

    private static void assertHidden(String body, String authorId, String where) {
        assertThat(body).as(where).doesNotContain(authorId).doesNotContain(ORGANISATION).doesNotContain("Delegation of " + ORGANISATION);
    }
}
