package org.concord.gateway;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Answers of the plain HTTP servers that play Concord's services behind the gateway in its tests. */
public final class FakeAnswers {

    private FakeAnswers() {
    }

    public static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    public static void json(HttpExchange exchange, int status, String body) throws IOException {
        answer(exchange, status, "application/json", body);
    }
}
