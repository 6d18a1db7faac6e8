package org.concord.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The public HTTP API of Concord as a client sees it: every POST carries an {@code Idempotency-Key}
 * named after its step, so that it can be retried (here, and by a re-run after a crash) without
 * recording anything twice; reads pass {@code ?minPosition=} to see the writes before them.
 */
class ConcordClient {

    static final String KEY_PREFIX = "concord-demo/v1/";
    private static final int ATTEMPTS = 4;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI gateway;
    private long position;

    ConcordClient(URI gateway) {
        this.gateway = gateway;
    }

    URI gateway() {
        return gateway;
    }

    /** The highest global position any write has answered so far. */
    long position() {
        return position;
    }

    /** A POST as the holder of {@code token}; {@code body} null sends none. Answers the JSON body of a 2xx. */
    JsonNode post(String token, String path, Object body, String step) {
        HttpRequest.Builder request = request(token, path).header("Idempotency-Key", KEY_PREFIX + step);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8));
        }
        JsonNode answer = send(request.build(), "POST " + path + " (" + step + ")");
        if (answer.has("position")) {
            position = Math.max(position, answer.get("position").asLong());
        }
        return answer;
    }

    /** A GET that waits until the read models have caught up with every write made so far. */
    JsonNode get(String token, String path) {
        String separator = path.contains("?") ? "&" : "?";
        return send(request(token, path + separator + "minPosition=" + position).GET().build(), "GET " + path);
    }

    private HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private JsonNode send(HttpRequest request, String what) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return response.body().isEmpty() ? json.createObjectNode() : json.readTree(response.body());
                }
                // A 5xx or a key still being processed by an interrupted attempt is safe to retry: the key dedupes it.
                boolean retryable = status >= 500 || response.body().contains("idempotency-key-in-progress");
                if (!retryable || attempt == ATTEMPTS) {
                    throw new ConcordApiException(what, status, response.body());
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw new ConcordApiException(what, 0, "no answer from " + gateway + " (" + e + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConcordApiException(what, 0, "interrupted");
            }
            pause(attempt);
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(1000L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body + " as JSON", e);
        }
    }
}
