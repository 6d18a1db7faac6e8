package org.concord.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.testing.MongoDbExtension;
import org.concord.verifier.Hex;
import org.concord.verifier.Merkle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.concord.system.ConcordApi.json;

/**
 * The verifiable log (issue #19) of a running Concord, checked as an observer would: exported through the gateway and
 * verified with the packaged verifier jar ({@code java -jar verifier/target/concord-verifier.jar}); what may not be
 * seen stays out of what an anonymous caller gets, while an entitled one gets reveals the verifier accepts; an event
 * changed or deleted in MongoDB is named by its position; a restarted query side continues the same tree; two
 * command sides and two query sides make one tree. Checkpoints every second ({@code CONCORD_LOG_CHECKPOINT_INTERVAL}).
 */
class VerifiableLogIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration LOGGED = Duration.ofSeconds(60);
    private static final Map<String, String> SHORT_CHECKPOINTS = Map.of("CONCORD_LOG_CHECKPOINT_INTERVAL", "1s");
    private static final Path ROOT = Path.of(System.getProperty("concord.root", "..")).toAbsolutePath().normalize();
    private static final Path VERIFIER = ROOT.resolve("verifier/target/concord-verifier.jar");

    private static final String RESTRICTED_TITLE = "Closed-door negotiation on export controls";
    private static final String RESTRICTED_TEXT = "Restricted wording nobody outside may read";
    private static final String CHATHAM_ORGANISATION = "Unnamed Chatham Delegation";
    private static final String CHATHAM_BODY = "Spoken under the Chatham House rule";
    private static final String ATTRIBUTED_BODY = "An attributed remark for the record";

    private static ConcordProcesses concord;
    private static ConcordApi api;
    private static Writes writes;

    @TempDir
    Path work;

    /** What the writes of every kind returned: tokens, ids and positions. */
    private record Writes(long drafterRegistered, String drafter, String delegate, String chathamToken, String chathamId, String observer,
                          long restrictedCreated, long restrictedAmendment, long attributedComment, long chathamComment,
                          long support, long last) {
    }

    @BeforeAll
    static void startAndWrite() {
        concord = ConcordProcesses.start(MongoDbExtension.newDatabase(), "verifiable-log", SHORT_CHECKPOINTS);
        api = new ConcordApi(concord);
        writes = writeEveryKind();
    }

    @AfterAll
    static void stop() {
        if (concord != null) {
            concord.close();
        }
    }

    /**
     * A PUBLIC and a RESTRICTED consultation with rounds, amendments, a support, an ATTRIBUTED and a CHATHAM_HOUSE
     * comment, and participants registered.
     */
    private static Writes writeEveryKind() {
        JsonNode drafterRegistered = api.register("Log Secretariat", "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER");
        String drafter = drafterRegistered.get("token").asText();
        String delegate = api.registerToken("Logged Delegation", "STATE", "FR", "PARTICIPANT");
        JsonNode chatham = api.register(CHATHAM_ORGANISATION, "NGO", "NL", "PARTICIPANT");
        String supporter = api.registerToken("Supporting Delegation", "STATE", "SE", "PARTICIPANT");
        String observer = api.registerToken("Log Observer", "COMPANY", "GB", "OBSERVER");

        JsonNode open = json(api.createConsultation(drafter, "Open guideline on intrusion tools", "PUBLIC"), 201);
        String publicId = open.get("consultationId").asText();
        String publicProvision = provision(drafter, publicId, open.get("position").asLong());
        json(api.post(drafter, "/api/consultations/{c}/rounds", Map.of("deadline", inADay()), publicId), 201);
        JsonNode amendment = json(api.post(delegate, "/api/consultations/{c}/amendments", Map.of("kind", "REPLACE",
                "provisionId", publicProvision, "baseVersion", 1, "text", "States shall regulate intrusion tools.",
                "justification", "Firmer"), publicId), 201);
        long support = json(api.post(supporter, "/api/consultations/{c}/amendments/{a}/support", null, publicId,
                amendment.get("amendmentId").asText()), 200).get("position").asLong();
        long attributed = json(api.post(delegate, "/api/consultations/{c}/comments", Map.of("provisionId", publicProvision,
                "body", ATTRIBUTED_BODY, "attribution", "ATTRIBUTED"), publicId), 201).get("position").asLong();
        long chathamComment = json(api.post(chatham.get("token").asText(), "/api/consultations/{c}/comments",
                Map.of("provisionId", publicProvision, "body", CHATHAM_BODY, "attribution", "CHATHAM_HOUSE"), publicId), 201)
                .get("position").asLong();

        JsonNode closed = json(api.createConsultation(drafter, RESTRICTED_TITLE, "RESTRICTED"), 201);
        String restrictedId = closed.get("consultationId").asText();
        String restrictedProvision = provision(drafter, restrictedId, closed.get("position").asLong());
        json(api.post(drafter, "/api/consultations/{c}/rounds", Map.of("deadline", inADay()), restrictedId), 201);
        long restrictedAmendment = json(api.post(delegate, "/api/consultations/{c}/amendments", Map.of("kind", "REPLACE",
                "provisionId", restrictedProvision, "baseVersion", 1, "text", RESTRICTED_TEXT, "justification", "Closed"),
                restrictedId), 201).get("position").asLong();
        long last = json(api.post(delegate, "/api/consultations/{c}/comments", Map.of("provisionId", restrictedProvision,
                "body", RESTRICTED_TEXT + ", again", "attribution", "ATTRIBUTED"), restrictedId), 201).get("position").asLong();
        return new Writes(drafterRegistered.get("position").asLong(), drafter, delegate, chatham.get("token").asText(), chatham.get("participantId").asText(), observer,
                closed.get("position").asLong(), restrictedAmendment, attributed, chathamComment, support, last);
    }

    @Test
    void an_export_of_every_kind_of_write_verifies_with_the_packaged_verifier_and_so_does_a_receipt() throws Exception {
        JsonNode receipt = awaitReceipt(api, null, writes.last());
        assertThat(receipt.get("position").asLong()).isEqualTo(writes.last());

        Path export = export(concord.gateway(), null, work.resolve("anonymous"));
        Verification verified = verifier("verify", "--key", export.resolve("key.pem").toString(), "--log", export.toString());
        assertThat(verified.exit()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Verified");
        List<JsonNode> entries = entryLines(export);
        assertThat(entries).extracting(line -> line.get("position").asLong())
                .contains(writes.restrictedCreated(), writes.restrictedAmendment(), writes.attributedComment(),
                        writes.chathamComment(), writes.support(), writes.last());
        assertThat(entries).extracting(line -> line.path("entry").path("type").asText())
                .contains("org.concord.messages.participant.ParticipantRegisteredEvent",
                        "org.concord.messages.consultation.ConsultationCreatedEvent",
                        "org.concord.messages.amendment.AmendmentProposedEvent",
                        "org.concord.messages.amendment.AmendmentSupportedEvent",
                        "org.concord.messages.comment.CommentPostedEvent");

        // a delegation keeps the receipt of its amendment and checks it offline
        Path kept = work.resolve("receipt.json");
        Files.write(kept, JSON.writeValueAsBytes(awaitReceipt(api, writes.delegate(), writes.restrictedAmendment())));
        Verification receiptChecked = verifier("verify-receipt", kept.toString(), "--key", export.resolve("key.pem").toString());
        assertThat(receiptChecked.exit()).as(receiptChecked.output()).isZero();

        // a receipt whose entry was changed after the fact does not verify
        JsonNode forged = JSON.readTree(Files.readAllBytes(kept));
        ((com.fasterxml.jackson.databind.node.ObjectNode) forged.get("entry")).put("sequence", 99);
        Path forgedFile = work.resolve("forged-receipt.json");
        Files.write(forgedFile, JSON.writeValueAsBytes(forged));
        assertThat(verifier("verify-receipt", forgedFile.toString(), "--key", export.resolve("key.pem").toString()).exit()).isEqualTo(1);
    }

    @Test
    void what_an_anonymous_caller_may_not_see_stays_hidden_while_an_entitled_one_gets_reveals_the_verifier_accepts() throws Exception {
        awaitReceipt(api, null, writes.last());
        long size = latestCheckpoint(concord.gateway()).get("treeSize").asLong();

        for (String reader : new String[]{null, writes.observer()}) {
            String entries = api.get(reader, "/api/log/entries?from=0&to={to}", Math.min(size, 1000) - 1).expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            String exported = Files.readString(export(concord.gateway(), reader, work.resolve("hidden-" + (reader == null ? "anonymous" : "observer")))
                    .resolve("log.jsonl"));
            for (String seen : List.of(entries, exported)) {
                assertThat(seen).contains(ATTRIBUTED_BODY).contains(CHATHAM_BODY)
                        .doesNotContain(RESTRICTED_TITLE).doesNotContain(RESTRICTED_TEXT)
                        .doesNotContain(CHATHAM_ORGANISATION).doesNotContain("\"revealed\"");
                // the author's id is the aggregate of its own registration; nowhere else
                for (String line : seen.split("\n")) {
                    JsonNode parsed = JSON.readTree(line);
                    List<JsonNode> items = new ArrayList<>();
                    if (parsed.has("entries")) {
                        parsed.get("entries").forEach(items::add);
                    } else {
                        items.add(parsed);
                    }
                    for (JsonNode item : items) {
                        if (!writes.chathamId().equals(item.path("entry").path("aggregate").asText())) {
                            assertThat(item.toString()).as("an entry other than the Chatham House author's registration")
                                    .doesNotContain(writes.chathamId());
                        }
                    }
                }
            }
        }
        JsonNode chathamComment = entryAt(null, writes.chathamComment());
        assertThat(chathamComment.at("/entry/payload/author").fieldNames()).toIterable().containsExactly("committed");
        assertThat(entryAt(null, writes.restrictedAmendment()).at("/entry/payload").fieldNames()).toIterable().containsExactly("committed");

        // the drafter sees RESTRICTED payloads and Chatham House authors; the author its own authorship
        JsonNode drafterSees = entryAt(writes.drafter(), writes.restrictedAmendment());
        assertThat(drafterSees.get("revealed").toString()).contains(RESTRICTED_TEXT);
        assertThat(entryAt(writes.drafter(), writes.chathamComment()).get("revealed").toString()).contains(writes.chathamId());
        assertThat(entryAt(writes.chathamToken(), writes.chathamComment()).get("revealed").toString()).contains(writes.chathamId());
        assertThat(entryAt(writes.delegate(), writes.chathamComment()).has("revealed")).isFalse();
        // participant events: administrators only
        assertThat(entryAt(ConcordApi.ADMIN, writes.drafterRegistered()).get("revealed").toString()).contains("Log Secretariat");

        for (String entitled : new String[]{writes.drafter(), ConcordApi.ADMIN}) {
            Path export = export(concord.gateway(), entitled, work.resolve(entitled.equals(ConcordApi.ADMIN) ? "admin" : "drafter"));
            assertThat(Files.readString(export.resolve("log.jsonl"))).contains("\"revealed\"");
            Verification verified = verifier("verify", "--key", export.resolve("key.pem").toString(), "--log", export.toString());
            assertThat(verified.exit()).as(verified.output()).isZero();
            assertThat(verified.output()).containsPattern("\\d+ revealed parts");
        }
    }

    @Test
    void an_event_changed_or_deleted_in_mongodb_is_named_by_its_position() throws Exception {
        awaitReceipt(api, null, writes.last());
        long changed = writes.attributedComment();
        try (MongoClient client = MongoClients.create(concord.database().uri())) {
            MongoCollection<Document> events = client.getDatabase(concord.database().name()).getCollection("events");
            Document original = events.find(Filters.eq("_id", changed)).first();
            assertThat(original).isNotNull();
            byte[] payload = original.get("payload", Binary.class).getData();
            String text = new String(payload, StandardCharsets.UTF_8);
            int at = text.indexOf("attributed remark");
            assertThat(at).isPositive();
            byte[] edited = payload.clone();
            edited[at] = (byte) 'A'; // one byte: "attributed" becomes "Attributed"
            events.updateOne(Filters.eq("_id", changed), Updates.set("payload", new Binary(edited)));
            try {
                Path export = export(concord.gateway(), null, work.resolve("changed"));
                Verification verified = verifier("verify", "--key", export.resolve("key.pem").toString(), "--log", export.toString());
                assertThat(verified.exit()).as(verified.output()).isEqualTo(1);
                assertThat(verified.output()).contains("First problem: position " + changed + ":");
            } finally {
                events.replaceOne(Filters.eq("_id", changed), original);
            }

            long deleted = writes.chathamComment();
            Document gone = events.find(Filters.eq("_id", deleted)).first();
            assertThat(gone).isNotNull();
            events.deleteOne(Filters.eq("_id", deleted));
            try {
                Path export = export(concord.gateway(), null, work.resolve("deleted"));
                Verification verified = verifier("verify", "--key", export.resolve("key.pem").toString(), "--log", export.toString());
                assertThat(verified.exit()).as(verified.output()).isEqualTo(1);
                assertThat(verified.output()).contains("First problem: position " + deleted + ":");
            } finally {
                events.insertOne(gone);
            }
        }
        Path restored = export(concord.gateway(), null, work.resolve("restored"));
        Verification verified = verifier("verify", "--key", restored.resolve("key.pem").toString(), "--log", restored.toString());
        assertThat(verified.exit()).as(verified.output()).isZero();
    }

    @Test
    void a_restarted_query_side_continues_the_same_tree() throws Exception {
        awaitReceipt(api, null, writes.last());
        JsonNode before = latestCheckpoint(concord.gateway());
        long fromSize = before.get("treeSize").asLong();
        Path keyBefore = work.resolve("key-before.pem");
        Files.write(keyBefore, get(null, concord.gateway().resolve("/api/log/key")));

        concord.kill("query-side");
        concord.restart("query-side");
        long after = json(api.post(writes.drafter(), "/api/consultations", ConcordApi.consultation("After the restart", "PUBLIC")), 201)
                .get("position").asLong();
        awaitReceipt(api, null, after);
        JsonNode latest = latestCheckpoint(concord.gateway());
        long toSize = latest.get("treeSize").asLong();
        assertThat(toSize).isGreaterThan(fromSize);

        JsonNode consistency = json(api.get(null, "/api/log/proof/consistency?from={m}&to={n}", fromSize, toSize), 200);
        assertThat(consistency.get("fromRoot").asText()).isEqualTo(before.get("rootHash").asText());
        assertThat(consistency.get("toRoot").asText()).isEqualTo(latest.get("rootHash").asText());
        List<byte[]> proof = new ArrayList<>();
        consistency.get("proof").forEach(node -> proof.add(Hex.parse(node.asText())));
        assertThat(Merkle.verifyConsistency(fromSize, toSize, Hex.parse(before.get("rootHash").asText()),
                Hex.parse(latest.get("rootHash").asText()), proof)).isTrue();

        // the key kept from before the restart still verifies everything after it
        Path export = export(concord.gateway(), null, work.resolve("after-restart"));
        Verification verified = verifier("verify", "--key", keyBefore.toString(), "--log", export.toString());
        assertThat(verified.exit()).as(verified.output()).isZero();
    }

    @Test
    void two_command_sides_and_two_query_sides_make_one_tree_which_the_other_continues_when_the_builder_dies() throws Exception {
        try (ConcordProcesses scaled = ConcordProcesses.start(MongoDbExtension.newDatabase(), "verifiable-log-scaled", SHORT_CHECKPOINTS, 2, 2)) {
            ConcordApi scaledApi = new ConcordApi(scaled);
            String drafter = scaledApi.registerToken("Scaled Secretariat", "INTERNATIONAL_ORGANISATION", "CH", "DRAFTER");
            long last = 0;
            for (int i = 0; i < 6; i++) {
                last = json(scaledApi.createConsultation(drafter, "Scaled " + i, i % 2 == 0 ? "PUBLIC" : "RESTRICTED"), 201)
                        .get("position").asLong();
            }
            awaitReceipt(scaledApi, null, last);
            JsonNode latest = latestCheckpoint(scaled.gateway());
            long size = latest.get("treeSize").asLong();
            String root = latest.get("rootHash").asText();

            // each query side, asked directly, proves from the one stored tree: the same root for the same size
            List<ConcordProcesses.Instance> querySides = scaled.instances("query-side");
            for (ConcordProcesses.Instance querySide : querySides) {
                JsonNode proof = JSON.readTree(get(null, querySide.uri().resolve("/api/log/proof/inclusion?position=" + last + "&treeSize=" + size)));
                assertThat(proof.get("rootHash").asText()).as(querySide.name()).isEqualTo(root);
                List<byte[]> path = new ArrayList<>();
                proof.get("auditPath").forEach(node -> path.add(Hex.parse(node.asText())));
                assertThat(Merkle.verifyInclusion(Hex.parse(proof.get("leafHash").asText()), proof.get("leafIndex").asLong(), size, path,
                        Hex.parse(root))).as(querySide.name()).isTrue();
            }
            assertThat(JSON.readTree(get(null, querySides.get(0).uri().resolve("/api/log/checkpoints?limit=1000"))))
                    .isEqualTo(JSON.readTree(get(null, querySides.get(1).uri().resolve("/api/log/checkpoints?limit=1000"))));
            Path export = export(scaled.gateway(), null, work.resolve("scaled"));
            Verification verified = verifier("verify", "--key", export.resolve("key.pem").toString(), "--log", export.toString());
            assertThat(verified.exit()).as(verified.output()).isZero();

            // the query side that builds dies; once its lease runs out the other continues the same tree
            ConcordProcesses.Instance builder = leaseHolder(scaled, querySides);
            scaled.kill(builder.name());
            for (int i = 0; i < 3; i++) {
                last = json(scaledApi.createConsultation(drafter, "After the builder died " + i, "PUBLIC"), 201).get("position").asLong();
            }
            awaitReceipt(scaledApi, null, last);
            assertThat(leaseHolder(scaled, querySides)).isNotEqualTo(builder);
            JsonNode grown = latestCheckpoint(scaled.gateway());
            JsonNode consistency = json(scaledApi.get(null, "/api/log/proof/consistency?from={m}&to={n}", size, grown.get("treeSize").asLong()), 200);
            List<byte[]> proof = new ArrayList<>();
            consistency.get("proof").forEach(node -> proof.add(Hex.parse(node.asText())));
            assertThat(Merkle.verifyConsistency(size, grown.get("treeSize").asLong(), Hex.parse(root),
                    Hex.parse(grown.get("rootHash").asText()), proof)).isTrue();
            Path after = export(scaled.gateway(), null, work.resolve("scaled-after"));
            Verification again = verifier("verify", "--key", export.resolve("key.pem").toString(), "--log", after.toString());
            assertThat(again.exit()).as(again.output()).isZero();
        }
    }

    /** The query side holding the builder's lease in {@code log_state} (its owner is {@code <pid>@<host>/...}). */
    private static ConcordProcesses.Instance leaseHolder(ConcordProcesses running, List<ConcordProcesses.Instance> querySides) {
        try (MongoClient client = MongoClients.create(running.database().uri())) {
            Document state = client.getDatabase(running.database().name()).getCollection("log_state").find(Filters.eq("_id", "builder")).first();
            assertThat(state).as("log_state").isNotNull();
            String owner = state.getString("owner");
            return querySides.stream().filter(querySide -> owner.startsWith(querySide.process().pid() + "@")).findFirst()
                    .orElseThrow(() -> new AssertionError("No query side started here holds the lease: " + owner));
        }
    }

    // ---- helpers ----

    /** The receipt of the write at {@code position}, once a checkpoint covers it (404 not-yet-logged until then). */
    static JsonNode awaitReceipt(ConcordApi api, String token, long position) {
        JsonNode[] receipt = new JsonNode[1];
        await().atMost(LOGGED).pollInterval(Duration.ofMillis(250)).until(() -> {
            var result = api.get(token, "/api/log/receipt?position={p}", position).expectBody(JsonNode.class).returnResult();
            if (result.getStatus().value() == 200) {
                receipt[0] = result.getResponseBody();
                return true;
            }
            assertThat(result.getStatus().value()).as("receipt of position %d: %s", position, result.getResponseBody()).isEqualTo(404);
            return false;
        });
        return receipt[0];
    }

    /** One entry of {@code /api/log/entries} as the holder of {@code token} gets it, found by its position. */
    private static JsonNode entryAt(String token, long position) {
        JsonNode receipt = awaitReceipt(api, token, position);
        long index = receipt.get("leafIndex").asLong();
        JsonNode entries = json(api.get(token, "/api/log/entries?from={i}&to={i}", index, index), 200).get("entries");
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("position").asLong()).isEqualTo(position);
        return entries.get(0);
    }

    static JsonNode latestCheckpoint(URI base) throws IOException {
        return JSON.readTree(get(null, base.resolve("/api/log/checkpoints/latest")));
    }

    /** {@code log.jsonl} and {@code key.pem} in {@code directory}, as {@code ./concord export-log} writes them. */
    static Path export(URI gateway, String token, Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.write(directory.resolve("key.pem"), get(null, gateway.resolve("/api/log/key")));
        Files.write(directory.resolve("log.jsonl"), get(token, gateway.resolve("/api/log/export")));
        return directory;
    }

    static byte[] get(String token, URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", ConcordApi.bearer(token));
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as("GET %s: %s", uri, new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> entryLines(Path export) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(export.resolve("log.jsonl"), StandardCharsets.UTF_8)) {
            JsonNode parsed = JSON.readTree(line);
            if (parsed.path("kind").asText().equals("entry")) {
                entries.add(parsed);
            }
        }
        return entries;
    }

    record Verification(int exit, String output) {
    }

    /** Runs the packaged verifier as a user would: {@code java -jar verifier/target/concord-verifier.jar ...}. */
    static Verification verifier(String... arguments) throws IOException, InterruptedException {
        assertThat(VERIFIER).as("the verifier's jar (built before the system tests)").isRegularFile();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", VERIFIER.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Verification(process.exitValue(), output);
    }

    private static String provision(String token, String consultation, long position) {
        return json(api.get(token, "/api/consultations/{c}?minPosition={p}", consultation, position), 200)
                .at("/provisions/0/provisionId").asText();
    }

    private static String inADay() {
        return Instant.now().plus(Duration.ofDays(1)).toString();
    }
}
