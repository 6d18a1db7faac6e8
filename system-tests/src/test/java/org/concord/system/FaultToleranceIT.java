package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.launchdarkly.eventsource.DefaultRetryDelayStrategy;
import com.launchdarkly.eventsource.ErrorStrategy;
import com.launchdarkly.eventsource.EventSource;
import com.launchdarkly.eventsource.MessageEvent;
import com.launchdarkly.eventsource.StartedEvent;
import com.launchdarkly.eventsource.StreamClosedByCallerException;
import com.launchdarkly.eventsource.StreamEvent;
import com.launchdarkly.eventsource.StreamException;
import com.launchdarkly.eventsource.StreamHttpErrorException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes under {@code kill -9}: clients post comments, amendments and supports through the gateway,
 * each with an {@code Idempotency-Key}, retrying failed attempts with the same key, while the query
 * side, the command side and the gateway are each killed and restarted on the same port. No
 * acknowledged write is lost, none is recorded twice, nothing refused is recorded, the read models and
 * the feed hold each write once and agree with the event store; a standard EventSource client following
 * the feed through the restarts gets every event once, in order. This Concord is the test's own: it
 * must not disturb the one the other system tests share.
 */
class FaultToleranceIT {

    private static final int CLIENTS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static TestMongoDatabase database;
    private static ConcordProcesses concord;
    private static MongoClient mongo;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startConcord() {
        database = MongoDbExtension.newDatabase();
        // a claim left by a killed process is taken over after 3 s instead of a minute, so that the test stays short
        concord = ConcordProcesses.start(database, "fault-tolerance", Map.of("CONCORD_IDEMPOTENCY_ABANDON_AFTER", "3s"));
        mongo = MongoClients.create(database.uri());
    }

    @AfterAll
    static void stopConcord() {
        if (concord != null) {
            concord.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    @Test
    void a_retry_after_a_crash_between_the_commit_and_the_stored_answer_is_answered_from_the_commit() throws Exception {
        Setting setting = setting(2);
        String author = setting.participants().get(0);
        String supporter = setting.participants().get(1);
        String commentKey = UUID.randomUUID().toString();
        String commentPath = "/api/consultations/" + setting.consultationId() + "/comments";
        Map<String, Object> comment = Map.of("body", "Crash test " + commentKey, "attribution", "ATTRIBUTED");
        HttpResponse<String> posted = post(author, commentPath, comment, commentKey);
        assertThat(posted.statusCode()).isEqualTo(201);
        JsonNode first = JSON.readTree(posted.body());
        String amendmentId = JSON.readTree(post(author, "/api/consultations/" + setting.consultationId() + "/amendments",
                amendment(setting.provisionId(), "crash"), null).body()).get("amendmentId").asText();
        String supportKey = UUID.randomUUID().toString();
        String supportPath = "/api/consultations/" + setting.consultationId() + "/amendments/" + amendmentId + "/support";
        assertThat(post(supporter, supportPath, null, supportKey).statusCode()).isEqualTo(200);

        // as if each process had been killed after appending the events but before storing the answer
        forgetAnswer(first.get("commentId").asText());
        forgetAnswer("\"amendmentId\":\"" + amendmentId + "\"");
        TimeUnit.SECONDS.sleep(4);

        HttpResponse<String> commentRetry = post(author, commentPath, comment, commentKey);
        assertThat(commentRetry.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(commentRetry.body())).isEqualTo(first);
        HttpResponse<String> supportRetry = post(supporter, supportPath, null, supportKey);
        assertThat(supportRetry.statusCode()).as(supportRetry.body()).isEqualTo(200);

        JsonNode comments = readAfter("/api/consultations/" + setting.consultationId() + "/comments", first.get("position").asLong());
        assertThat(comments.findValuesAsText("body")).containsOnlyOnce("Crash test " + commentKey);
        JsonNode supported = readAfter("/api/consultations/" + setting.consultationId() + "/amendments/" + amendmentId,
                JSON.readTree(supportRetry.body()).get("position").asLong());
        assertThat(supported.get("supporters").get("total").asInt()).isEqualTo(1);
    }

    @Test
    void no_acknowledged_write_is_lost_or_duplicated_when_each_service_is_killed_and_restarted() throws Exception {
        Setting setting = setting(CLIENTS);
        Load load = new Load(setting);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int index = client;
            running.add(clients.submit(() -> load.client(index)));
        }
        try {
            TimeUnit.SECONDS.sleep(3);
            for (String service : List.of("query-side", "command-side", "api-gateway")) {
                concord.kill(service);
                TimeUnit.SECONDS.sleep(1);
                concord.restart(service);
                TimeUnit.SECONDS.sleep(2);
            }
            TimeUnit.SECONDS.sleep(2);
        } finally {
            load.stop.set(true);
            for (Future<?> client : running) {
                client.get(2, TimeUnit.MINUTES);
            }
            clients.shutdownNow();
        }

        System.out.printf("FaultToleranceIT: %d writes acknowledged (%d comments, %d amendments, %d supports), %d attempts retried, %d refused%n",
                load.acknowledged.size(), load.acknowledged("comment").size(), load.acknowledged("amendment").size(),
                load.acknowledged("support").size(), load.retried.get(), load.refused.size());
        assertThat(load.refused).as("writes refused with a final error").isEmpty();
        assertThat(load.acknowledged.size()).as("acknowledged writes").isGreaterThan(CLIENTS * 3);
        assertThat(load.retried.get()).as("attempts retried during the faults").isPositive();
        long highest = load.acknowledged.values().stream().mapToLong(Write::position).max().orElseThrow();
        String consultation = "/api/consultations/" + setting.consultationId();

        // the read models: each acknowledged comment and amendment once, nothing else, every support counted once
        Map<String, Long> comments = countByKey(readAfter(consultation + "/comments", highest).findValuesAsText("body"));
        JsonNode amendmentList = readAfter(consultation + "/amendments", highest);
        Map<String, Long> amendments = countByKey(amendmentList.findValuesAsText("justification"));
        assertThat(comments).as("comments in the read model, by key").isEqualTo(onePerKey(load.acknowledged("comment")));
        assertThat(amendments).as("amendments in the read model, by key").isEqualTo(onePerKey(load.acknowledged("amendment")));
        Map<String, Long> supportsByAmendment = load.acknowledged("support").stream()
                .collect(Collectors.groupingBy(Write::target, Collectors.counting()));
        Map<String, Long> supportersListed = new HashMap<>();
        amendmentList.forEach(a -> {
            if (a.get("supporters").get("total").asLong() > 0) {
                supportersListed.put(a.get("amendmentId").asText(), a.get("supporters").get("total").asLong());
            }
        });
        assertThat(supportersListed).as("supporters per amendment").isEqualTo(supportsByAmendment);

        // the feed: every event once, each acknowledged write's position among them
        Map<Long, String> feed = feed(setting.consultationId(), highest);
        for (Write write : load.acknowledged.values()) {
            assertThat(feed.get(write.position())).as("the feed at " + write.position() + " (" + write.kind() + ")")
                    .isEqualTo(write.eventType());
        }
        for (String kind : List.of("comment", "amendment", "support")) {
            String type = Write.eventTypeOf(kind);
            assertThat(feed.values().stream().filter(type::equals).count()).as(type + " events in the feed")
                    .isEqualTo(load.acknowledged(kind).size());
        }

        // the read models equal the fold of the event store
        assertThat(stored("org.concord.messages.comment.CommentPostedEvent", setting.consultationId())).isEqualTo(comments.size());
        assertThat(stored("org.concord.messages.amendment.AmendmentProposedEvent", setting.consultationId())).isEqualTo(amendments.size());
        assertThat(stored("org.concord.messages.amendment.AmendmentSupportedEvent", setting.consultationId()))
                .isEqualTo(supportsByAmendment.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void a_standard_event_source_client_gets_every_event_once_in_order_through_restarts_of_the_gateway_and_the_query_side()
            throws Exception {
        Setting setting = setting(1);
        String delegate = setting.participants().get(0);
        String consultation = "/api/consultations/" + setting.consultationId();
        List<Long> acknowledged = new CopyOnWriteArrayList<>();
        Runnable comment = () -> {
            try {
                HttpResponse<String> posted = post(delegate, consultation + "/comments",
                        Map.of("body", "Followed " + UUID.randomUUID(), "attribution", "ATTRIBUTED"), UUID.randomUUID().toString());
                if (posted.statusCode() == 201) {
                    acknowledged.add(JSON.readTree(posted.body()).get("position").asLong());
                }
            } catch (IOException e) {
                // the gateway is down: this comment is not acknowledged, the next one may be
            }
        };
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

        // opened as a page opens it, from the start; on every reconnection it repeats this URL with its Last-Event-ID
        try (StandardEventSource follower = new StandardEventSource(concord.gateway().resolve(consultation + "/feed?after=0"))) {
            // a comment every 0.2 s, through the kills
            writer.scheduleWithFixedDelay(comment, 0, 200, TimeUnit.MILLISECONDS);
            try {
                awaitComments(acknowledged, 10);
                await().atMost(Duration.ofSeconds(30)).until(() -> follower.lastPosition() >= acknowledged.get(4));
                concord.kill("api-gateway");
                concord.restart("api-gateway");
                // the client is back on the restarted gateway before the query side goes
                long afterRestart = awaitComments(acknowledged, 5);
                await().atMost(Duration.ofSeconds(30)).until(() -> follower.lastPosition() >= afterRestart);
                concord.kill("query-side");
                awaitComments(acknowledged, 5);
                concord.restart("query-side");
                awaitComments(acknowledged, 5);
            } finally {
                writer.shutdown();
                assertThat(writer.awaitTermination(30, TimeUnit.SECONDS)).as("the writer stopped").isTrue();
            }
            assertThat(acknowledged).as("comments acknowledged").hasSizeGreaterThan(10);
            long highest = acknowledged.stream().mapToLong(Long::longValue).max().orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(() -> follower.failure() != null || follower.lastPosition() >= highest);

            assertThat(follower.failure()).as("the client gave up").isNull();
            List<Long> received = follower.positions();
            System.out.printf("FaultToleranceIT: a standard EventSource client received %d events over %d connections%n",
                    received.size(), follower.connections());
            assertThat(received).as("positions received, in order, none twice").isSorted().doesNotHaveDuplicates();
            assertThat(received).as("every acknowledged comment's position").containsAll(acknowledged);
            assertThat(received).as("every event of the consultation up to the last comment")
                    .isEqualTo(new ArrayList<>(new TreeSet<>(feed(setting.consultationId(), highest).keySet())));
        }
    }

    /** Waits until {@code count} more comments have been acknowledged; answers the position of the last of them. */
    private static long awaitComments(List<Long> acknowledged, int count) {
        int wanted = acknowledged.size() + count;
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= wanted);
        return acknowledged.get(wanted - 1);
    }

    /**
     * A third-party EventSource client (LaunchDarkly's) that behaves as the WHATWG standard, and so every
     * browser, does: it reconnects with the URL it was opened with and its Last-Event-ID when the
     * connection fails or ends, but gives up for good on an answer that is not a 200.
     */
    private static final class StandardEventSource implements AutoCloseable {
        private final EventSource source;
        private final List<Long> positions = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();
        private volatile Exception failure;
        private final Thread reader;

        StandardEventSource(URI uri) {
            source = new EventSource.Builder(uri)
                    .errorStrategy(new ErrorStrategy() {
                        @Override
                        public Result apply(StreamException error) {
                            return new Result(error instanceof StreamHttpErrorException ? Action.THROW : Action.CONTINUE, this);
                        }
                    })
                    .retryDelay(500, TimeUnit.MILLISECONDS)
                    .retryDelayStrategy(DefaultRetryDelayStrategy.defaultStrategy().maxDelay(2, TimeUnit.SECONDS))
                    .build();
            reader = new Thread(this::read, "standard-event-source");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try {
                while (true) {
                    StreamEvent event = source.readAnyEvent();
                    if (event instanceof StartedEvent) {
                        connections.incrementAndGet();
                    } else if (event instanceof MessageEvent message && !"disconnect".equals(message.getEventName())
                            && !"checkpoint".equals(message.getEventName())) {
                        // an event's position is its id; disconnect and the log's checkpoints carry none
                        positions.add(Long.parseLong(message.getLastEventId()));
                    }
                }
            } catch (StreamClosedByCallerException e) {
                // closed by the test
            } catch (Exception e) {
                failure = e;
            }
        }

        long lastPosition() {
            return positions.isEmpty() ? 0 : positions.get(positions.size() - 1);
        }

        List<Long> positions() {
            return List.copyOf(positions);
        }

        int connections() {
            return connections.get();
        }

        Exception failure() {
            return failure;
        }

        @Override
        public void close() {
            source.close();
        }
    }

    /** The clients' writes and what came of them. */
    private static final class Load {
        final Setting setting;
        final AtomicBoolean stop = new AtomicBoolean();
        final Map<String, Write> acknowledged = new ConcurrentHashMap<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        final AtomicInteger retried = new AtomicInteger();
        final List<String> proposed = new CopyOnWriteArrayList<>();
        final Set<String> supportedBy = ConcurrentHashMap.newKeySet();
        final Map<String, String> authorOf = new ConcurrentHashMap<>();

        Load(Setting setting) {
            this.setting = setting;
        }

        void client(int index) {
            String token = setting.participants().get(index);
            String consultation = "/api/consultations/" + setting.consultationId();
            while (!stop.get()) {
                int dice = ThreadLocalRandom.current().nextInt(10);
                String key = UUID.randomUUID().toString();
                String candidate = proposed.isEmpty() ? null : proposed.get(ThreadLocalRandom.current().nextInt(proposed.size()));
                if (dice < 2 && candidate != null && !token.equals(authorOf.get(candidate)) && supportedBy.add(token + candidate)) {
                    write("support", key, candidate, token, consultation + "/amendments/" + candidate + "/support", null);
                } else if (dice < 5) {
                    write("amendment", key, null, token, consultation + "/amendments", amendment(setting.provisionId(), key));
                } else {
                    write("comment", key, null, token, consultation + "/comments",
                            Map.of("body", "Load " + key, "attribution", dice % 2 == 0 ? "CHATHAM_HOUSE" : "ATTRIBUTED"));
                }
            }
        }

        /** Sends one write until it gets a definitive answer, always with the same key. */
        private void write(String kind, String key, String target, String token, String path, Object body) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (System.nanoTime() < deadline) {
                HttpResponse<String> response;
                try {
                    response = post(token, path, body, key);
                } catch (IOException e) {
                    retry();
                    continue;
                }
                int status = response.statusCode();
                if (status / 100 == 2) {
                    JsonNode answer = parse(response.body());
                    acknowledged.put(key, new Write(kind, key, target, answer.get("position").asLong()));
                    if (kind.equals("amendment")) {
                        authorOf.put(answer.get("amendmentId").asText(), token);
                        proposed.add(answer.get("amendmentId").asText());
                    }
                    return;
                }
                if (status / 100 == 5 || status == 429 || (status == 409 && response.body().contains("idempotency-key-in-progress"))) {
                    retry();
                    continue;
                }
                refused.add(kind + " " + key + ": " + status + " " + response.body());
                return;
            }
            throw new IllegalStateException("No definitive answer within two minutes for " + kind + " " + key);
        }

        private void retry() {
            retried.incrementAndGet();
            try {
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        List<Write> acknowledged(String kind) {
            return acknowledged.values().stream().filter(w -> w.kind().equals(kind)).toList();
        }
    }

    /** An acknowledged write: its kind, its key, what it supported, the position its answer gave. */
    private record Write(String kind, String key, String target, long position) {

        String eventType() {
            return eventTypeOf(kind);
        }

        static String eventTypeOf(String kind) {
            return switch (kind) {
                case "comment" -> "CommentPosted";
                case "amendment" -> "AmendmentProposed";
                default -> "AmendmentSupported";
            };
        }
    }

    private record Setting(String consultationId, String provisionId, List<String> participants) {
    }

    /** Delegates and a PUBLIC consultation with an open round. */
    private static Setting setting(int participants) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String drafter = register("Fault secretariat " + suffix, "DRAFTER");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            tokens.add(register("Fault delegation " + i + " " + suffix, "PARTICIPANT"));
        }
        JsonNode created = JSON.readTree(post(drafter, "/api/consultations", Map.of("title", "Fault tolerance", "summary", "kill -9",
                "visibility", "PUBLIC", "provisions", List.of(Map.of("label", "1", "text", "States should regulate spyware."))),
                null).body());
        String consultationId = created.get("consultationId").asText();
        HttpResponse<String> opened = post(drafter, "/api/consultations/" + consultationId + "/rounds",
                Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString()), null);
        assertThat(opened.statusCode()).isEqualTo(201);
        JsonNode detail = readAfter("/api/consultations/" + consultationId, JSON.readTree(opened.body()).get("position").asLong());
        return new Setting(consultationId, detail.get("provisions").get(0).get("provisionId").asText(), tokens);
    }

    private static String register(String organisation, String role) throws Exception {
        HttpResponse<String> response = post(ConcordProcesses.ADMIN_TOKEN, "/api/participants", Map.of("organisation", organisation,
                "stakeholderType", "STATE", "displayName", organisation, "roles", List.of(role)), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("token").asText();
    }

    private static Map<String, Object> amendment(String provisionId, String key) {
        return Map.of("kind", "REPLACE", "provisionId", provisionId, "baseVersion", 1,
                "text", "States shall regulate spyware (" + key + ").", "justification", "Load " + key);
    }

    private static HttpResponse<String> post(String token, String path, Object body, String key) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(concord.gateway().resolve(path))
                .header("Authorization", "Bearer " + token)
                .timeout(REQUEST_TIMEOUT);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return OpenApiContract.of(concord.gateway()).check(response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A read once the read models have caught up with {@code position}. */
    private static JsonNode readAfter(String path, long position) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(concord.gateway().resolve(path + "?minPosition=" + position))
                    .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            OpenApiContract.of(concord.gateway()).check(response);
            boolean caughtUp = response.statusCode() == 200
                    && response.headers().firstValue("X-Concord-Caught-Up").orElse("true").equals("true");
            return caughtUp ? JSON.readTree(response.body()) : null;
        }, answer -> answer != null);
    }

    /** The consultation's feed from the start until {@code highest}: event type by position, failing on any position twice. */
    private static Map<Long, String> feed(String consultationId, long highest) throws Exception {
        Map<Long, String> types = Collections.synchronizedMap(new HashMap<>());
        List<Long> twice = new CopyOnWriteArrayList<>();
        AtomicBoolean complete = new AtomicBoolean();
        long[] current = {-1};
        Function<String, Void> line = text -> {
            if (text.isEmpty()) {
                // an event ends at a blank line: one without an id (the log's checkpoints) has no position
                current[0] = -1;
            } else if (text.startsWith("id:")) {
                current[0] = Long.parseLong(text.substring(3).trim());
            } else if (text.startsWith("event:") && current[0] >= 0) {
                if (types.put(current[0], text.substring(6).trim()) != null) {
                    twice.add(current[0]);
                }
                if (current[0] >= highest) {
                    complete.set(true);
                }
            }
            return null;
        };
        HttpRequest request = HttpRequest.newBuilder(concord.gateway().resolve("/api/consultations/" + consultationId + "/feed?after=0"))
                .header("Accept", "text/event-stream").build();
        var stream = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                stream.get().body().takeWhile(text -> !complete.get()).forEach(line::apply);
            } catch (Exception e) {
                // the connection is closed below
            }
        }, "feed-reader");
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(60)).untilTrue(complete);
        stream.cancel(true);
        assertThat(twice).as("positions delivered twice").isEmpty();
        return new HashMap<>(types);
    }

    /** Makes the answer stored for a key forgotten, its claim old and IN_PROGRESS: what a kill between commit and answer leaves. */
    private static void forgetAnswer(String inBody) {
        MongoCollection<Document> keys = mongoDatabase().getCollection("idempotency_keys");
        List<Object> ids = new ArrayList<>();
        for (Document key : keys.find(Filters.eq("state", "DONE"))) {
            Document response = key.get("response", Document.class);
            if (new String(response.get("body", Binary.class).getData(), StandardCharsets.UTF_8).contains(inBody)) {
                ids.add(key.get("_id"));
            }
        }
        assertThat(ids).as("stored answers containing " + inBody).hasSize(1);
        keys.updateOne(Filters.eq("_id", ids.get(0)), Updates.combine(Updates.set("state", "IN_PROGRESS"),
                Updates.unset("response"), Updates.set("claimedAt", Date.from(Instant.now().minus(Duration.ofHours(1))))));
    }

    /** How many events of a type about a consultation the event store holds (tombstones are not events). */
    private static long stored(String payloadType, String consultationId) throws IOException {
        long count = 0;
        for (Document event : mongoDatabase().getCollection("events").find(Filters.eq("payloadType", payloadType))) {
            JsonNode payload = JSON.readTree(event.get("payload", Binary.class).getData());
            if (payload.get("consultationId").asText().equals(consultationId)) {
                count++;
            }
        }
        return count;
    }

    private static MongoDatabase mongoDatabase() {
        return mongo.getDatabase(database.name());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }

    /** The writes' keys, as the comment bodies and justifications name them ("Load <key>"). */
    private static Map<String, Long> countByKey(List<String> texts) {
        return texts.stream().filter(text -> text.startsWith("Load ")).collect(Collectors.groupingBy(text -> text.substring(5), Collectors.counting()));
    }

    private static Map<String, Long> onePerKey(List<Write> writes) {
        return writes.stream().collect(Collectors.toMap(Write::key, w -> 1L));
    }
}
