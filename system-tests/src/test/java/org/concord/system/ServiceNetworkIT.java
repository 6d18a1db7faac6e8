package org.concord.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.concord.testing.MongoDbExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a host on the services' network gets from them (issue #18, finding 3). The gateway reaches the query side
 * here through a tap that keeps every caller header it forwards, as anyone seeing the traffic could: such a header,
 * sent again to a service, is refused, on its own request as on any other endpoint of either service. And the services
 * answer on loopback only, with their actuator on a port of its own.
 */
class ServiceNetworkIT {

    private static final HttpClient DIRECT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Set<String> SERVICES = Set.of("command-side", "query-side", "web-ui");
    private static Tap tap;
    private static ConcordProcesses concord;

    @BeforeAll
    static void startBehindATap() {
        tap = new Tap();
        concord = ConcordProcesses.start(MongoDbExtension.newDatabase(), "service-network",
                Map.of("CONCORD_GATEWAY_QUERY_SIDE_URI", tap.uri().toString()));
        tap.forwardTo(concord.instances("query-side").get(0).uri());
    }

    @AfterAll
    static void stop() {
        if (concord != null) {
            concord.close();
        }
        tap.stop();
    }

    @Test
    void a_caller_header_seen_on_the_wire_is_refused_a_second_time_and_on_any_other_endpoint() throws Exception {
        String me = capturedAsAdministrator("/api/me");
        String participants = capturedAsAdministrator("/api/participants");
        String consultations = capturedAsAdministrator("/api/consultations");
        URI querySide = concord.instances("query-side").get(0).uri();
        URI commandSide = concord.instances("command-side").get(0).uri();

        assertThat(send(HttpRequest.newBuilder(querySide.resolve("/api/me")).header("X-Concord-Caller", me)).statusCode())
                .as("the same request again").isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(querySide.resolve("/api/admin/audit")).header("X-Concord-Caller", participants))
                .statusCode()).as("the administrator's audit trail, read with a header seen on another read").isEqualTo(401);
        HttpResponse<String> registered = send(HttpRequest.newBuilder(commandSide.resolve("/api/participants"))
                .header("X-Concord-Caller", consultations).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"organisation\":\"Tap\",\"stakeholderType\":\"STATE\",\"country\":\"FR\","
                        + "\"displayName\":\"Planted\",\"roles\":[\"DRAFTER\"]}")));
        assertThat(registered.statusCode()).as("a drafter registered on the command side with a header seen on a read: "
                + registered.body()).isEqualTo(401);
        assertThat(registered.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }

    @Test
    void the_services_answer_on_loopback_only() {
        Optional<InetAddress> external = nonLoopbackAddress();
        assumeTrue(external.isPresent(), "this host has a network address besides loopback");
        for (String service : SERVICES) {
            ConcordProcesses.Instance instance = concord.instances(service).get(0);
            for (int port : List.of(instance.port(), instance.managementUri().getPort())) {
                assertThatThrownBy(() -> connect(external.get(), port)).as(service + " on " + external.get() + ":" + port)
                        .isInstanceOf(ConnectException.class);
                assertThat(connects(InetAddress.getLoopbackAddress(), port)).as(service + " on loopback, port " + port).isTrue();
            }
        }
        assertThatThrownBy(() -> connect(external.get(), concord.gatewayManagement().getPort())).as("the gateway's management port")
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void the_actuator_is_on_each_services_management_port_not_on_its_own() throws Exception {
        for (String service : SERVICES) {
            ConcordProcesses.Instance instance = concord.instances(service).get(0);
            assertThat(send(HttpRequest.newBuilder(instance.uri().resolve("/actuator/health"))).statusCode())
                    .as(service + " /actuator/health on its own port").isEqualTo(404);
            assertThat(send(HttpRequest.newBuilder(instance.managementUri().resolve("/actuator/health"))).statusCode())
                    .as(service + " /actuator/health on its management port").isEqualTo(200);
        }
        assertThat(send(HttpRequest.newBuilder(concord.instances("query-side").get(0).uri().resolve("/actuator/processors")))
                .statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(concord.gateway().resolve("/actuator/processors"))).statusCode()).isEqualTo(404);
    }

    /** Reads {@code path} through the gateway as the administrator, and returns the caller header the tap saw go with it. */
    private static String capturedAsAdministrator(String path) throws Exception {
        HttpResponse<String> read = send(HttpRequest.newBuilder(concord.gateway().resolve(path))
                .header("Authorization", "Bearer " + ConcordProcesses.ADMIN_TOKEN));
        assertThat(read.statusCode()).as(path + " through the gateway").isEqualTo(200);
        return tap.seen.stream().filter(seen -> seen.target().equals(path)).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("the tap saw no request for " + path)).callerHeader();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return DIRECT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }

    private static boolean connects(InetAddress address, int port) {
        try {
            connect(address, port);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces().filter(ServiceNetworkIT::up)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean up(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private record Seen(String method, String target, String callerHeader) {
    }

    /** Forwards what the gateway sends to the query side, keeping each request's caller header. */
    private static final class Tap {

        private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "transfer-encoding",
                "upgrade", "expect", "keep-alive");
        private final HttpServer server;
        private final List<Seen> seen = new CopyOnWriteArrayList<>();
        private volatile URI target;

        Tap() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::forward);
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        void forwardTo(URI querySide) {
            target = querySide;
        }

        private void forward(HttpExchange exchange) throws IOException {
            try {
                String header = exchange.getRequestHeaders().getFirst("X-Concord-Caller");
                String rawTarget = exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
                if (header != null) {
                    seen.add(new Seen(exchange.getRequestMethod(), rawTarget, header));
                }
                if (target == null) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                byte[] body = exchange.getRequestBody().readAllBytes();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + rawTarget)).timeout(Duration.ofSeconds(30))
                        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
                HttpResponse<byte[]> answer = DIRECT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().map().forEach((name, values) -> {
                    if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            } catch (IOException e) {
                byte[] problem = e.toString().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(502, problem.length);
                exchange.getResponseBody().write(problem);
            } finally {
                exchange.close();
            }
        }

        void stop() {
            server.stop(0);
        }
    }
}
