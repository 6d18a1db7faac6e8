package org.concord.demo;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The loader against a stub gateway: what it does before it writes anything. */
class DemoLoaderTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer gateway;
    private String consultations;

    @BeforeEach
    void startStubGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            boolean list = exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals("/api/consultations");
            byte[] body = (list ? consultations : "{\"status\":403,\"detail\":\"not allowed\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", list ? "application/json" : "application/problem+json");
            exchange.sendResponseHeaders(list ? 200 : 403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    @Test
    void a_demo_already_loaded_is_reported_and_nothing_is_written() {
        consultations = "[{\"consultationId\":\"c-1\",\"title\":\"" + SampleText.TITLE + "\",\"status\":\"CLOSED\",\"round\":2}]";
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = DemoLoader.load(settings(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("already loaded").contains("/api/consultations/c-1");
        assertThat(requests).containsExactly("GET /api/consultations");
    }

    @Test
    void a_refused_write_fails_the_load_with_the_gateways_answer() {
        consultations = "[{\"consultationId\":\"other\",\"title\":\"Another text\",\"status\":\"OPEN\",\"round\":1}]";
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = DemoLoader.load(settings(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("POST /api/participants").contains("403")
                .contains("not allowed");
        assertThat(requests).containsExactly("GET /api/consultations", "POST /api/participants");
    }

    private DemoSettings settings() {
        return new DemoSettings(URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()), Path.of("unused"), "admin");
    }
}
