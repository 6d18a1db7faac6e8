package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * What a webhook cannot be made to do (issue #18, finding 8): call an address that is not globally
 * reachable or a port other than the web's, be registered without limit, or read a service's answer back
 * through the delivery log. The instance allows its tests' receivers on 127.0.0.0/8 and ports from 1024
 * (ConcordProcesses); everything else is as deployed.
 */
class WebhookIT {

    private static final String SECRET = "0123456789abcdef";
    private static final String BANNER = "SSH-2.0-OpenSSH_9.6 internal-build-host-7";

    private static ConcordApi api;
    private static String drafter;

    @BeforeAll
    static void register() {
        api = new ConcordApi(ConcordProcesses.shared());
        drafter = api.registerToken("Webhook Secretariat", "INTERNATIONAL_ORGANISATION", "FR", "DRAFTER");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://100.100.100.200/latest/meta-data/", // shared address space: a cloud's metadata service
            "http://100.64.0.1/",
            "http://198.18.0.1/",                       // benchmarking
            "http://192.0.0.170/",                      // IETF protocol assignments
            "http://240.0.0.1/",                        // reserved
            "http://[64:ff9b::a9fe:a9fe]/",             // NAT64 of 169.254.169.254
            "http://[2002:a00:1::1]/",                  // 6to4 of 10.0.0.1
            "http://[::ffff:a9fe:a9fe]/",               // IPv4-mapped 169.254.169.254
            "http://9.9.9.9:22/",                       // a public address, but not the web's port
    })
    void a_webhook_to_an_address_that_is_not_globally_reachable_or_to_another_port_is_refused(String url) {
        JsonNode refused = json(api.post(drafter, "/api/webhooks", Map.of("url", url, "secret", SECRET)), 400);

        assertThat(refused.get("errors").findValuesAsText("field")).containsExactly("url");
    }

    @Test
    void a_participant_has_at_most_20_webhooks() throws IOException {
        String participant = api.registerToken("Hooked Delegation", "STATE", "NO", "PARTICIPANT");
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        List<String> registered = new ArrayList<>();
        try {
            Map<String, Object> webhook = Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    "secret", SECRET, "types", List.of("ConsultationEndorsed"));
            for (int i = 0; i < 20; i++) {
                registered.add(json(api.post(participant, "/api/webhooks", webhook), 201).get("webhookId").asText());
            }

            JsonNode refused = json(api.post(participant, "/api/webhooks", webhook), 409);

            assertThat(refused.get("detail").asText()).contains("20");
            assertThat(json(api.get(participant, "/api/webhooks"), 200)).hasSize(20);
            json(api.http.delete().uri("/api/webhooks/{id}", registered.remove(0))
                    .header("Authorization", ConcordApi.bearer(participant)).exchange(), 200);
            registered.add(json(api.post(participant, "/api/webhooks", webhook), 201).get("webhookId").asText());
        } finally {
            for (String id : registered) {
                api.http.delete().uri("/api/webhooks/{id}", id).header("Authorization", ConcordApi.bearer(participant)).exchange();
            }
            receiver.stop(0);
        }
    }

    @Test
    void the_delivery_log_names_the_kind_of_failure_never_what_the_receiver_said() throws Exception {
        // a service that is not a web server greets whoever connects, as SSH does
        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread greeter = new Thread(() -> {
                while (!service.isClosed()) {
                    try (Socket connection = service.accept()) {
                        OutputStream out = connection.getOutputStream();
                        out.write((BANNER + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "ssh-like-service");
            greeter.setDaemon(true);
            greeter.start();
            String webhook = json(api.post(drafter, "/api/webhooks", Map.of("url", "http://127.0.0.1:" + service.getLocalPort() + "/",
                    "secret", SECRET, "types", List.of("ConsultationCreated"))), 201).get("webhookId").asText();
            try {
                json(api.createConsultation(drafter, "Probed consultation", "PUBLIC"), 201);

                await().atMost(Duration.ofSeconds(20)).until(() ->
                        json(api.get(drafter, "/api/webhooks/{id}/deliveries", webhook), 200).findValuesAsText("outcome").contains("FAILED"));
                JsonNode failed = json(api.get(drafter, "/api/webhooks/{id}/deliveries", webhook), 200).get(0);
                assertThat(failed.toString()).doesNotContain("SSH").doesNotContain("internal-build-host");
                assertThat(failed.get("error").asText()).matches("[A-Z_0-9]+");
            } finally {
                api.http.delete().uri("/api/webhooks/{id}", webhook).header("Authorization", ConcordApi.bearer(drafter)).exchange();
            }
        }
    }
}
