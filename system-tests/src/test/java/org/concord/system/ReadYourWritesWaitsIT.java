package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.concord.testing.MongoDbExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #18, finding 5: a read with {@code ?minPosition=} holds a request, so a client may have only ten
 * waiting at once, and a position past the last stored event is answered at once. Here one read model never
 * catches up (a processing group no projection has), so every read that waits waits its whole 20 s.
 */
class ReadYourWritesWaitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHARE = 10;
    private static ConcordProcesses concord;
    private static ConcordApi api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        concord = ConcordProcesses.start(MongoDbExtension.newDatabase(), "read-your-writes", Map.of(
                "CONCORD_READ_YOUR_WRITES_MAX_WAIT", "20s",
                "CONCORD_READ_YOUR_WRITES_PROCESSORS", "consultations,a-read-model-that-never-catches-up"));
        api = new ConcordApi(concord);
    }

    @AfterAll
    static void stop() {
        if (concord != null) {
            concord.close();
        }
    }

    @Test
    void a_client_has_at_most_ten_reads_waiting_the_others_are_refused_at_once_and_other_clients_still_wait()
            throws IOException {
        JsonNode delegate = api.register("Kenya", "STATE", "KE", "PARTICIPANT");
        String token = delegate.get("token").asText();
        String otherToken = api.registerToken("Peru", "STATE", "PE", "PARTICIPANT");
        long position = delegate.get("position").asLong();

        List<CompletableFuture<HttpResponse<String>>> reads = new ArrayList<>();
        for (int i = 0; i < 2 * SHARE; i++) {
            reads.add(read(token, position));
        }
        CompletableFuture<HttpResponse<String>> otherClient = read(otherToken, position);
        List<HttpResponse<String>> answers = reads.stream().map(CompletableFuture::join).toList();

        List<HttpResponse<String>> refused = answers.stream().filter(answer -> answer.statusCode() == 429).toList();
        assertThat(refused).as("reads refused").hasSize(SHARE);
        assertThat(answers).as("reads that waited, the whole wait").filteredOn(answer -> answer.statusCode() == 200).hasSize(SHARE)
                .allSatisfy(answer -> assertThat(answer.headers().firstValue("X-Concord-Caught-Up")).hasValue("false"));
        HttpResponse<String> one = refused.get(0);
        assertThat(one.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(one.body()).path("type").asText()).endsWith("too-many-waits");
        assertThat(one.headers().firstValue("Retry-After")).as("Retry-After, through the gateway").hasValue("1");
        assertThat(otherClient.join().statusCode()).as("another participant's read, which waited").isEqualTo(200);
    }

    @Test
    void a_position_past_the_last_stored_event_is_answered_at_once() {
        HttpResponse<String> answer = read(null, 1_000_000_000_000L).join();

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Concord-Caught-Up")).hasValue("false");
        assertThat(answer.headers().firstValue("X-Concord-Beyond-Head")).hasValue("true");
    }

    /** Lists the consultations once the read models have processed {@code position}; anonymous without a token. */
    private CompletableFuture<HttpResponse<String>> read(String token, long position) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(concord.gateway() + "/api/consultations?minPosition=" + position))
                .timeout(Duration.ofSeconds(25));
        if (token != null) {
            request.header("Authorization", ConcordApi.bearer(token));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
