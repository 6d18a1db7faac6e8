package org.concord.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' HTTP client of a running Concord: every request goes through the gateway, as a
 * client's would. Answers other than 2xx throw, so that a benchmark never times a failure.
 */
final class GatewayClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI gateway;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayClient(URI gateway, String adminToken) {
        this.gateway = gateway;
        this.adminToken = adminToken;
    }

    /**
     * The gateway named by {@code --gateway} (default {@code http://localhost:8080}); the administrator
     * token from {@code --admin-token}, else {@code CONCORD_ADMIN_TOKEN}, else the file {@code ./concord up}
     * writes: {@code admin-token} in {@code --data-dir}, {@code CONCORD_DATA_DIR} or {@code data}.
     */
    static GatewayClient from(Map<String, String> options) throws IOException {
        String token = options.getOrDefault("admin-token", System.getenv("CONCORD_ADMIN_TOKEN"));
        if (token == null || token.isBlank()) {
            token = Files.readString(dataDir(options).resolve("admin-token")).trim();
        }
        return new GatewayClient(URI.create(options.getOrDefault("gateway", "http://localhost:8080")), token);
    }

    /** Where {@code ./concord up} keeps data, logs and pid files: {@code --data-dir}, {@code CONCORD_DATA_DIR} or {@code data}. */
    static Path dataDir(Map<String, String> options) {
        return Path.of(options.getOrDefault("data-dir", System.getenv().getOrDefault("CONCORD_DATA_DIR", "data")));
    }

    /** The gateway's address. */
    URI base() {
        return gateway;
    }

    String adminToken() {
        return adminToken;
    }

    /** Registers a delegate as the administrator; answers the delegate's token. */
    String register(String organisation, String stakeholderType, String role) {
        return post(adminToken, "/api/participants", Map.of("organisation", organisation,
                "stakeholderType", stakeholderType, "displayName", organisation, "roles", List.of(role))).get("token").asText();
    }

    JsonNode post(String token, String path, Object body) {
        return post(token, path, body, null);
    }

    /**
     * A POST; with an idempotency key it is sent again, up to three times, when the connection fails or
     * the answer is a 5xx, since the key makes a repeat record nothing new.
     */
    JsonNode post(String token, String path, Object body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path))
                .header("Authorization", "Bearer " + token)
                .timeout(TIMEOUT);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json(body)));
        }
        int attempts = idempotencyKey == null ? 1 : 3;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (UncheckedIOException e) {
                if (attempt < attempts) {
                    continue;
                }
                throw e;
            }
            if (response.statusCode() / 100 == 5 && attempt < attempts) {
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return parse(path, response.body());
        }
    }

    JsonNode get(String path) {
        return get(null, path);
    }

    JsonNode get(String token, String path) {
        return parse(path, fetch(token, path).body());
    }

    /** A GET without a token, as an observer reads a PUBLIC consultation; the body is left unparsed, so timing it measures the server. */
    byte[] read(String path) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body();
    }

    /**
     * Reads {@code path} once the read models have processed {@code position}: each try waits as long
     * as the query side lets a read wait, and the next one follows until the answer says it caught up
     * or {@code patience} has passed.
     */
    JsonNode readAfter(String token, String path, long position, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        String separator = path.contains("?") ? "&" : "?";
        while (true) {
            HttpResponse<String> response = fetch(token, path + separator + "minPosition=" + position);
            if (response.headers().firstValue("X-Concord-Caught-Up").orElse("true").equals("true")) {
                return parse(path, response.body());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The read models did not reach position " + position + " within " + patience);
            }
        }
    }

    private HttpResponse<String> fetch(String token, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(TIMEOUT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not writable as JSON: " + body, e);
        }
    }

    private static JsonNode parse(String path, String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(path + " answered no JSON: " + body, e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri().getPath() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
