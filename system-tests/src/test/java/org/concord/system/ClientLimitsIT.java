package org.concord.system;

import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.concord.web.identity.CallerIdentity;
import org.concord.web.identity.CallerIdentityCodec;
import org.concord.web.identity.SignedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client limits of a running Concord (issue #18, findings 6 and 7), with the limits set low: made-up tokens
 * are limited by their address, and the cap on open feeds holds whatever spelling of the feed's path a client
 * sends, at the gateway and on the query side itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientLimitsIT {

    private static final int ANONYMOUS_BURST = 100;
    /** Slow, so that the test's requests outrun it even on a busy machine, where 250 of them can take 15 s. */
    private static final int ANONYMOUS_PER_SECOND = 1;
    private static final int GATEWAY_FEEDS = 4;
    /** Above the gateway's: a feed refused through the gateway was refused by the gateway. */
    private static final int QUERY_SIDE_FEEDS = 6;

    private static TestMongoDatabase database;
    private static ConcordProcesses concord;
    private static ConcordApi api;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<InputStream> openFeeds = new ArrayList<>();

    @BeforeAll
    static void startConcord() {
        database = MongoDbExtension.newDatabase();
        concord = ConcordProcesses.start(database, "client-limits", Map.of(
                "CONCORD_GATEWAY_LIMITS_ANONYMOUS_PER_SECOND", Integer.toString(ANONYMOUS_PER_SECOND),
                "CONCORD_GATEWAY_LIMITS_ANONYMOUS_BURST", Integer.toString(ANONYMOUS_BURST),
                "CONCORD_GATEWAY_LIMITS_FEEDS_PER_CLIENT", Integer.toString(GATEWAY_FEEDS),
                "CONCORD_FEED_MAX_OPEN_PER_CALLER", Integer.toString(QUERY_SIDE_FEEDS)));
        api = new ConcordApi(concord);
    }

    @AfterAll
    static void stopConcord() {
        if (concord != null) {
            concord.close();
        }
    }

    @AfterEach
    void closeFeeds() throws IOException {
        for (InputStream feed : openFeeds) {
            feed.close();
        }
    }

    @Test
    @Order(1)
    void every_spelling_of_the_feeds_path_counts_against_the_gateways_cap() {
        String token = api.registerToken("Feed Spellings", "NGO", "FR", "PARTICIPANT");
        List<String> spellings = List.of("/api/feed", "/api/f%65ed", "/api/feed;x=1", "/api//feed");
        for (String path : spellings) {
            assertThat(feed(concord.gateway(), path, bearer(token)).statusCode()).as(path).isEqualTo(200);
        }
        for (String path : spellings) {
            HttpResponse<InputStream> refused = feed(concord.gateway(), path, bearer(token));
            assertThat(refused.statusCode()).as(path).isEqualTo(429);
            assertThat(body(refused)).as(path).contains("too-many-feeds");
        }
    }

    @Test
    @Order(2)
    void the_query_side_caps_a_callers_feeds_however_they_reach_it() {
        CallerIdentityCodec codec = new CallerIdentityCodec(ConcordProcesses.INTERNAL_SECRET, JsonMapper.builder().build(), Clock.systemUTC());
        CallerIdentity caller = new CallerIdentity("p-direct", "Direct Delegation", "NGO", "FR", "Direct", Set.of("PARTICIPANT"));
        URI querySide = concord.instances("query-side").get(0).uri();
        for (int i = 0; i < QUERY_SIDE_FEEDS; i++) {
            String path = i % 2 == 0 ? "/api/feed" : "/api/feed;x=1";
            assertThat(feed(querySide, path, callerHeader(codec, caller, path)).statusCode()).isEqualTo(200);
        }
        HttpResponse<InputStream> refused = feed(querySide, "/api/f%65ed", callerHeader(codec, caller, "/api/f%65ed"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(body(refused)).contains("too-many-feeds");

        CallerIdentity another = new CallerIdentity("p-another", "Another Delegation", "NGO", "DE", "Another", Set.of("PARTICIPANT"));
        assertThat(feed(querySide, "/api/feed", callerHeader(codec, another, "/api/feed")).statusCode()).isEqualTo(200);
    }

    /** Last: it spends the address's allowance, which the requests of the other tests' new tokens draw on. */
    @Test
    @Order(3)
    void made_up_tokens_count_against_their_address_and_are_refused_429_past_its_burst() {
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            answers.add(http.sendAsync(HttpRequest.newBuilder(concord.gateway().resolve("/api/consultations"))
                    .header("Authorization", "Bearer " + UUID.randomUUID()).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Long> statuses = answers.stream().map(CompletableFuture::join)
                .collect(Collectors.groupingBy(HttpResponse::statusCode, TreeMap::new, Collectors.counting()));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(statuses).containsOnlyKeys(401, 429);
        // each 401 cost a credential lookup: no more of them than the address's burst and what its rate gave back meanwhile
        assertThat(statuses.get(401)).isLessThanOrEqualTo((long) Math.ceil(ANONYMOUS_BURST + ANONYMOUS_PER_SECOND * seconds));
    }

    private HttpResponse<InputStream> feed(URI base, String path, String[] header) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Accept", "text/event-stream").header(header[0], header[1]).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            openFeeds.add(response.body());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String body(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** A caller header as the gateway signs it: for one GET of this path, used once. */
    private static String[] callerHeader(CallerIdentityCodec codec, CallerIdentity caller, String path) {
        return new String[] {CallerIdentityCodec.HEADER, codec.encode(caller, SignedRequest.withoutBody("GET", URI.create(path)))};
    }
}
