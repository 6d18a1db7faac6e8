package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.bson.Document;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.json.JSONException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyscreamer.jsonassert.JSONCompare;
import org.skyscreamer.jsonassert.JSONCompareMode;
import org.skyscreamer.jsonassert.JSONCompareResult;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Data stored by an earlier release still works with this one. The fixture in {@code src/test/resources/stored-data}
 * was written once, by the release named in its {@code about.json}, with {@link StoredDataFixtureWriterIT}: every kind
 * of event, a snapshot, tracking tokens, idempotency records, credentials and webhooks. This test writes that stored
 * data into a fresh database, leaves the read models out, starts this release's services on it and checks that
 * every aggregate loads to the state it had, that the token store reads every token, that a keyed write sent again
 * gets its first answer, and that the rebuilt read models answer every recorded read as the earlier release did.
 * It fails when the stored form of an event, a snapshot, a token or a record no longer reads as before; the fixture
 * must then not be written again: the new release must read the old data (system-tests/README.md).
 */
class StoredDataCompatibilityIT {

    /** Data only the store holds: restored as it was. */
    private static final Set<String> STORED = Set.of("events", "snapshots", "eventPositions", "trackingtokens",
            "idempotency_keys", "credentials", "webhooks", "webhookDeliveries");
    /** Read models, rebuilt from the events by the test, and the query sides' liveness, which belongs to processes long gone. */
    private static final Set<String> REBUILT_OR_RUNTIME = Set.of("amendments", "auditTrailChunks", "auditTrails", "comments",
            "consultations", "endorsements", "historyAmendments", "historyTexts", "participants", "provenance",
            "provisionHistories", "timelineChunks", "timelines", "versions", "readModelGenerations", "readModelRebuilds",
            "queryInstances");
    /** This keyed write's idempotency record is left out, so that it is answered from the commit its key is stored on. */
    private static final String ANSWERED_FROM_COMMIT = "stored-data/comment/france";

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Fields an answer gained after the fixture was written (path pattern, field, at any depth, as in a comment's
     * replies): compared when the recorded answer has them, else left out of today's answer; everything else is
     * compared strictly.
     */
    private static final Map<Pattern, List<String>> ADDED_SINCE = Map.of(
            // the consultation's detail; the negotiation's (issue #20): each provision's status, brackets, negotiation text
            // and ad referendum agreements (the consultation's own status is recorded, so it is compared), and its silence
            Pattern.compile("/api/consultations/[^/?]+"), List.of("position", "status", "brackets", "negotiationText", "adReferendum",
                    "silence"),
            // issue #20: a version's provisions as negotiated, and the causes of versions made by resolutions and compromises
            Pattern.compile("/api/consultations/[^/?]+/(versions/[^/?]+|text)(\\?.*)?"), List.of("status", "negotiationText",
                    "cleanText", "brackets"),
            Pattern.compile("/api/consultations/[^/?]+/(versions|provisions/[^/?]+/history)(\\?.*)?"), List.of("bracketId",
                    "compromiseId"),
            Pattern.compile("/api/consultations/[^/?]+/statistics(\\?.*)?"), List.of("merged", "alternativeSupports",
                    "adReferendumAgreements", "compromiseConsents", "compromiseObjections", "silenceBreaks"),
            Pattern.compile("/api/consultations(\\?.*)?"), List.of("deadline", "comments", "amendments"),
            // a comment's anchor, in the comments and in the CommentPosted data of the timeline and the audit trail
            Pattern.compile("/api/consultations/[^/?]+/(comments|history)(\\?.*)?"), List.of("anchor"),
            Pattern.compile("/api/admin/audit(\\?.*)?"), List.of("anchor"));
    private static final Path FIXTURE = StoredDataFixture.directory();
    private static JsonNode about;
    private static TestMongoDatabase database;
    private static ConcordProcesses concord;
    private static WebTestClient http;
    private static final Map<String, TrackingToken> tokensRead = new TreeMap<>();

    @BeforeAll
    static void restoreTheStoredDataAndStartThisRelease() throws IOException {
        about = JSON.readTree(FIXTURE.resolve(StoredDataFixture.ABOUT).toFile());
        TreeMap<String, List<Document>> store = StoredData.read(FIXTURE.resolve(StoredDataFixture.STORE));
        Set<String> unknown = new TreeSet<>(store.keySet());
        unknown.removeAll(STORED);
        unknown.removeAll(REBUILT_OR_RUNTIME);
        assertThat(unknown).as("collections of the fixture this test neither restores nor rebuilds; say which they are").isEmpty();

        JsonNode fromCommit = keyedWrite(ANSWERED_FROM_COMMIT);
        String location = fromCommit.path("answer").path("commentId").asText();
        List<Document> records = store.get("idempotency_keys");
        store.put("idempotency_keys", records.stream()
                .filter(record -> !String.valueOf(record.get("response", Document.class).getString("location")).endsWith("/comments/" + location))
                .toList());
        assertThat(store.get("idempotency_keys")).as("the record of %s is left out", ANSWERED_FROM_COMMIT).hasSize(records.size() - 1);

        database = MongoDbExtension.newDatabase();
        StoredData.restore(store, STORED, database.serverUri(), database.name());
        readTokensBeforeAnyProcessClaimsThem(store.get("trackingtokens"));

        // the idempotency records are as old as the fixture; kept longer than that, a retry finds them
        // and the verifiable log, built over the stored history, checkpointed every second
        concord = ConcordProcesses.start(database, "stored-data", Map.of("CONCORD_IDEMPOTENCY_KEEP", "36500d",
                "CONCORD_LOG_CHECKPOINT_INTERVAL", "1s"));
        // every answer held against the OpenAPI document, as in the other system tests
        http = new ConcordApi(concord).http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        if (concord != null) {
            concord.close();
        }
    }

    @Test
    void every_aggregate_loads_from_its_events_to_the_state_it_had_and_an_older_snapshot_is_passed_over() throws IOException {
        JsonNode recorded = JSON.readTree(FIXTURE.resolve(StoredDataFixture.AGGREGATES).toFile());
        Map<String, String> inTheEvents = StoredDataFixture.aggregateIds(StoredData.read(FIXTURE.resolve(StoredDataFixture.STORE)));
        assertThat(recorded.findValuesAsText("id")).as("every aggregate of the stored events has a recorded state")
                .containsExactlyInAnyOrderElementsOf(inTheEvents.keySet());
        List<String> differences = new ArrayList<>();
        List<JsonNode> passedOver = new ArrayList<>();
        try (AggregateStates states = new AggregateStates(database.uri(), database.name())) {
            for (JsonNode aggregate : recorded) {
                String type = aggregate.get("type").asText();
                String id = aggregate.get("id").asText();
                ObjectNode loaded = JSON.createObjectNode().put("type", type).put("id", id);
                loaded.setAll(states.load(type, id));
                passedOver.add(loaded.path("snapshotPassedOver"));
                // the order of a set's elements in the state is no part of it
                JSONCompareResult comparison = compare(inTodaysShape(aggregate, loaded).toString(), loaded.toString(),
                        JSONCompareMode.NON_EXTENSIBLE);
                if (comparison.failed()) {
                    differences.add(type + " " + id + ": " + comparison.getMessage());
                }
            }
        }
        assertThat(differences).as("aggregates whose state differs from the state recorded by %s", writtenBy()).isEmpty();
        assertThat(passedOver).as("the fixture's snapshot, of the shape before revisions, was passed over")
                .anyMatch(JsonNode::isNumber);
    }

    /**
     * The state recorded by the fixture's release, as this release holds it. The changes of shape since, each
     * deliberate and each also a new snapshot revision ({@code ConsultationSnapshots.REVISION}):
     * <ul>
     *   <li>2: a consultation's amendments are entities that know their id and their consultation's; and its
     *   snapshots, all of the shape before revisions in this fixture, are passed over.</li>
     *   <li>3: the negotiation (issue #20): a consultation holds its provisions' negotiation, its brackets, its
     *   compromises and its silence procedure, none in history stored before; each amendment knows its author's
     *   organisation (taken from the event that proposed it, so the loaded state's must be a name) and the
     *   compromise it is merged in, none.</li>
     * </ul>
     */
    private static JsonNode inTodaysShape(JsonNode recorded, JsonNode loaded) {
        ObjectNode today = recorded.deepCopy();
        if ("Consultation".equals(recorded.get("type").asText())) {
            ObjectNode state = (ObjectNode) today.path("state");
            ObjectNode amendments = (ObjectNode) state.path("amendments");
            amendments.properties().forEach(amendment -> {
                ObjectNode shaped = ((ObjectNode) amendment.getValue())
                        .put("amendmentId", amendment.getKey()).put("consultationId", recorded.get("id").asText());
                JsonNode organisation = loaded.path("state").path("amendments").path(amendment.getKey()).path("authorOrganisation");
                if (organisation.isTextual() && !organisation.asText().isBlank()) {
                    shaped.put("authorOrganisation", organisation.asText());
                }
                shaped.putNull("compromiseId");
            });
            state.putObject("negotiation");
            state.putObject("brackets");
            state.putObject("compromises");
            state.putNull("silence");
            JsonNode snapshotAt = today.remove("snapshotAt");
            today.putNull("snapshotAt");
            if (snapshotAt != null && !snapshotAt.isNull()) {
                today.set("snapshotPassedOver", snapshotAt);
            }
        }
        return today;
    }

    /**
     * The verifiable log (issue #19) is built over history stored before it existed, in every language and with emoji,
     * RESTRICTED and Chatham House parts committed, and the packaged verifier checks its export.
     */
    @Test
    void the_stored_history_makes_a_log_the_verifier_accepts(@TempDir Path work) throws Exception {
        long events;
        try (MongoClient client = MongoClients.create(database.uri())) {
            events = client.getDatabase(database.name()).getCollection("events").countDocuments(Filters.ne("tombstone", true));
        }
        assertThat(events).isPositive();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode latest = http.get().uri("/api/log/checkpoints/latest").exchange().expectBody(JsonNode.class).returnResult().getResponseBody();
            return latest != null && latest.path("treeSize").asLong() >= events;
        });
        Path export = VerifiableLogIT.export(concord.gateway(), null, work);
        VerifiableLogIT.Verification verified = VerifiableLogIT.verifier("verify", "--key", export.resolve("key.pem").toString(),
                "--log", export.toString());
        assertThat(verified.exit()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Verified " + events + " entries");
    }

    @Test
    void the_token_store_reads_every_stored_tracking_token() throws IOException {
        long lastPosition = about.get("lastPosition").asLong();
        List<Document> stored = StoredData.read(FIXTURE.resolve(StoredDataFixture.STORE)).get("trackingtokens");
        assertThat(tokensRead).hasSize(stored.size());
        tokensRead.forEach((segment, token) -> assertThat(token.position())
                .as("the token of %s, stored after every event was handled", segment).isEqualTo(OptionalLong.of(lastPosition)));
    }

    @Test
    void a_write_sent_again_with_its_idempotency_key_gets_its_first_answer() throws IOException {
        List<String> differences = new ArrayList<>();
        for (JsonNode write : JSON.readTree(FIXTURE.resolve(StoredDataFixture.KEYED_WRITES).toFile())) {
            EntityExchangeResult<byte[]> again = resend(write);
            String body = new String(again.getResponseBody() == null ? new byte[0] : again.getResponseBody(), StandardCharsets.UTF_8);
            JSONCompareResult comparison = compare(write.get("answer").toString(), body, JSONCompareMode.STRICT);
            if (again.getStatus().value() != write.get("status").asInt() || comparison.failed()) {
                differences.add("POST " + write.get("path").asText() + " with key " + write.get("key").asText() + ": "
                        + write.get("status") + " " + write.get("answer") + " was answered " + again.getStatus().value() + " " + body);
            }
        }
        assertThat(differences).as("keyed writes not answered as the first time (the record of %s was left out, "
                + "so it is answered from its commit)", ANSWERED_FROM_COMMIT).isEmpty();
        try (MongoClient client = MongoClients.create(database.uri())) {
            assertThat(client.getDatabase(database.name()).getCollection("events").countDocuments())
                    .as("events stored: none carried out a second time")
                    .isEqualTo(StoredData.read(FIXTURE.resolve(StoredDataFixture.STORE)).get("events").size());
        }
    }

    @Test
    void rebuilt_read_models_answer_every_recorded_read_as_before() throws IOException {
        assertThat(ConcordApi.json(http.post().uri("/api/admin/replay")
                .header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(ConcordApi.ADMIN)).exchange(), 200).get("state").asText())
                .isEqualTo("RUNNING");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> "DONE".equals(
                ConcordApi.json(http.get().uri("/api/admin/replay").header(HttpHeaders.AUTHORIZATION,
                        ConcordApi.bearer(ConcordApi.ADMIN)).exchange(), 200).get("state").asText()));

        JsonNode answers = JSON.readTree(FIXTURE.resolve(StoredDataFixture.ANSWERS).toFile());
        List<String> differences = new ArrayList<>();
        for (JsonNode answer : answers) {
            String caller = answer.get("caller").asText();
            WebTestClient.RequestHeadersSpec<?> request = http.get().uri(URI.create(concord.gateway() + answer.get("path").asText()))
                    .header(HttpHeaders.ACCEPT, answer.get("accept").asText());
            if (!caller.equals("anonymous")) {
                request.header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(token(caller)));
            }
            EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
            String body = new String(result.getResponseBody() == null ? new byte[0] : result.getResponseBody(), StandardCharsets.UTF_8);
            String difference = difference(withheldSince(answer, body), withoutAddedFields(answer, body));
            if (result.getStatus().value() != answer.get("status").asInt() || difference != null) {
                differences.add("GET " + answer.get("path").asText() + " as " + caller + ": status " + answer.get("status")
                        + " then, " + result.getStatus().value() + " now; " + (difference == null ? "same body" : difference));
            }
        }
        assertThat(differences).as("reads of the rebuilt read models that differ from the answers of %s (%s reads)",
                writtenBy(), answers.size()).isEmpty();
    }

    /**
     * The recorded answer, except that an audit entry of a consultation the reader may not read keeps, since issue
     * #18, only who, when, what kind and which consultation: where today's entry says {@code contentWithheld} and
     * names the same consultation, the recorded entry's data and summary are taken as today's; its position, time,
     * type and actor are still compared.
     */
    private static JsonNode withheldSince(JsonNode answer, String body) throws IOException {
        JsonNode expected = answer.get("body");
        if (!answer.get("path").asText().startsWith("/api/admin/audit") || !expected.path("entries").isArray()) {
            return expected;
        }
        JsonNode actual = JSON.readTree(body).path("entries");
        JsonNode withheld = expected.deepCopy();
        JsonNode entries = withheld.get("entries");
        for (int i = 0; i < entries.size() && i < actual.size(); i++) {
            JsonNode today = actual.get(i);
            boolean sameConsultation = today.path("data").path("consultationId").equals(entries.get(i).path("data").path("consultationId"));
            if (today.path("data").path("contentWithheld").asBoolean() && sameConsultation && entries.get(i) instanceof ObjectNode entry) {
                entry.set("data", today.get("data"));
                entry.set("summary", today.get("summary"));
            }
        }
        return withheld;
    }

    /** The log's latest checkpoint, which every Atom feed carries since issue #19 (docs/api.md, Atom). */
    private static final Pattern ATOM_CHECKPOINT = Pattern.compile("<log:checkpoint>.*?</log:checkpoint>", Pattern.DOTALL);

    private static String withoutAddedFields(JsonNode answer, String body) throws IOException {
        JsonNode expected = answer.get("body");
        if (expected.isTextual() && !expected.asText().contains("urn:concord:log")) {
            body = ATOM_CHECKPOINT.matcher(body.replace(" xmlns:log=\"urn:concord:log\"", "")).replaceAll("");
        }
        for (Map.Entry<Pattern, List<String>> added : ADDED_SINCE.entrySet()) {
            if (!added.getKey().matcher(answer.get("path").asText()).matches() || expected.isTextual()) {
                continue;
            }
            JsonNode actual = JSON.readTree(body);
            withoutAdded(actual, expected, added.getValue());
            return JSON.writeValueAsString(actual);
        }
        return body;
    }

    /** Leaves {@code fields} out of every object of {@code actual} whose counterpart in {@code expected} lacks them. */
    private static void withoutAdded(JsonNode actual, JsonNode expected, List<String> fields) {
        if (expected.isObject() && actual instanceof ObjectNode object) {
            fields.stream().filter(field -> !expected.has(field)).forEach(object::remove);
            object.properties().forEach(field -> withoutAdded(field.getValue(), expected.path(field.getKey()), fields));
        } else if (expected.isArray() && actual.isArray()) {
            for (int i = 0; i < actual.size(); i++) {
                withoutAdded(actual.get(i), expected.has(i) ? expected.get(i) : expected.path(0), fields);
            }
        }
    }

    private static String difference(JsonNode expected, String actual) {
        if (expected.isTextual()) {
            return expected.asText().equals(actual) ? null : "expected\n" + expected.asText() + "\nbut was\n" + actual;
        }
        JSONCompareResult comparison = compare(expected.toString(), actual, JSONCompareMode.STRICT);
        return comparison.failed() ? comparison.getMessage() : null;
    }

    /** The differences between two JSON texts; an answer that is not JSON at all is one difference. */
    private static JSONCompareResult compare(String expected, String actual, JSONCompareMode mode) {
        try {
            return JSONCompare.compareJSON(expected, actual, mode);
        } catch (JSONException notJson) {
            JSONCompareResult result = new JSONCompareResult();
            result.fail("an answer that is not JSON: " + actual);
            return result;
        }
    }

    private static EntityExchangeResult<byte[]> resend(JsonNode write) {
        WebTestClient.RequestBodySpec request = http.post().uri(URI.create(concord.gateway() + write.get("path").asText()))
                .header(HttpHeaders.AUTHORIZATION, ConcordApi.bearer(token(write.get("caller").asText())))
                .header("Idempotency-Key", write.get("key").asText());
        WebTestClient.RequestHeadersSpec<?> withBody = write.get("body").isNull() ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(write.get("body").asText());
        return withBody.exchange().expectBody().returnResult();
    }

    private static void readTokensBeforeAnyProcessClaimsThem(List<Document> stored) {
        try (MongoClient client = MongoClients.create(database.uri());
             AggregateStates states = new AggregateStates(database.uri(), database.name())) {
            TokenStore tokenStore = MongoTokenStore.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, database.name()).build())
                    .serializer(states.serializer())
                    .nodeId("stored-data-compatibility")
                    .claimTimeout(Duration.ofSeconds(10))
                    .build();
            for (Document document : stored) {
                String processor = document.getString("processorName");
                int segment = document.getInteger("segment");
                tokensRead.put(processor + "/" + segment, tokenStore.fetchToken(processor, segment));
                tokenStore.releaseClaim(processor, segment);
            }
        }
    }

    private static JsonNode keyedWrite(String key) throws IOException {
        for (JsonNode write : JSON.readTree(FIXTURE.resolve(StoredDataFixture.KEYED_WRITES).toFile())) {
            if (write.get("key").asText().equals(key)) {
                return write;
            }
        }
        throw new AssertionError("The fixture has no keyed write " + key);
    }

    /**
     * The token the fixture's caller used. The administrator's is configuration, not stored data, and the
     * fixture's (23 characters) is too short for today's gateway: the administrator of this run stands in.
     */
    private static String token(String caller) {
        return caller.equals("admin") ? ConcordApi.ADMIN : about.get("tokens").get(caller).asText();
    }

    private static String writtenBy() {
        return "commit " + about.get("commit").asText() + " (Spring Boot " + about.get("springBoot").asText() + ", Axon "
                + about.get("axon").asText() + ")";
    }
}
