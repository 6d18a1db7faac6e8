package org.concord.query.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.bson.types.Binary;
import org.concord.eventstore.RawEventLog;
import org.concord.eventstore.SafeEventLog;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
import org.concord.eventstore.log.LogBuilder;
import org.concord.eventstore.log.LogKeys;
import org.concord.eventstore.log.LogStorage;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.web.QueryCallers;
import org.concord.query.web.QueryWebSlice;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.MovableClock;
import org.concord.testing.TestMongoDatabase;
import org.concord.verifier.CanonicalJson;
import org.concord.verifier.Checkpoint;
import org.concord.verifier.Commitments;
import org.concord.verifier.Hex;
import org.concord.verifier.Keys;
import org.concord.verifier.Merkle;
import org.concord.web.identity.CallerIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.concord.query.web.Problems.expectInvalid;
import static org.concord.query.web.Problems.expectNotFound;
import static org.concord.query.web.Problems.expectProblem;
import static org.concord.query.web.QueryCallers.ADMINISTRATOR;
import static org.concord.query.web.QueryCallers.DELEGATE;
import static org.concord.query.web.QueryCallers.PRESS;
import static org.concord.query.web.QueryCallers.SECRETARIAT;
import static org.concord.query.web.QueryCallers.as;

/**
 * The verifiable log's endpoints on a real log (docs/api.md, Verifiable log): what a verifier checks holds (signatures,
 * proofs, leaf hashes, reveals), what a caller may not see stays committed, and bad parameters are 400 or 404
 * problems naming them.
 */
@WebFluxTest(LogController.class)
@ContextConfiguration(classes = {QueryWebSlice.class, LogControllerTest.RealLog.class})
@TestPropertySource(properties = "concord.internal.secret=" + QueryCallers.SECRET)
class LogControllerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor DRAFTER = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor AUTHOR = new Actor("p-fr", "France", StakeholderType.STATE);
    /** The author of the Chatham House comment, a participant who is neither the drafter nor the delegate. */
    private static final CallerIdentity THE_AUTHOR = new CallerIdentity("p-fr", "France", "STATE", "FR", "Delegation of France",
            Set.of("PARTICIPANT"));

    @TestConfiguration(proxyBeanMethods = false)
    static class RealLog {

        @Bean
        MongoDatabase logDatabase() {
            TestMongoDatabase database = MongoDbExtension.newDatabase();
            return MongoClients.create(database.uri()).getDatabase(database.name());
        }

        @Bean
        SequencedMongoEventStorageEngine logEvents(MongoDatabase logDatabase) {
            return (SequencedMongoEventStorageEngine) SafeEventLog.reading(logDatabase);
        }

        @Bean
        LogStorage logStorage(MongoDatabase logDatabase) {
            return new LogStorage(logDatabase);
        }

        @Bean
        LogKeys logKeys() throws Exception {
            return LogKeys.open(Files.createTempDirectory("log-keys").resolve("log"));
        }

        @Bean
        LogProperties logProperties() {
            return new LogProperties(true, Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(10), Path.of("unused"), 1000);
        }

        @Bean
        MovableClock logClock() {
            return new MovableClock();
        }

        @Bean
        LogBuilder logBuilder(SequencedMongoEventStorageEngine logEvents, LogStorage logStorage, LogKeys logKeys, MovableClock logClock) {
            return new LogBuilder(logEvents, logStorage, logKeys, logClock, "test", Duration.ofSeconds(10), Duration.ofSeconds(5), 100);
        }

        @Bean
        LogReader logReader(SequencedMongoEventStorageEngine logEvents, LogStorage logStorage, LogKeys logKeys,
                            tools.jackson.databind.json.JsonMapper jsonMapper) {
            return new LogReader(logEvents, logStorage, logKeys, new LogProofs(logStorage), jsonMapper);
        }
    }

    @Autowired
    WebTestClient web;
    @Autowired
    SequencedMongoEventStorageEngine events;
    @Autowired
    MongoDatabase logDatabase;
    @Autowired
    LogBuilder builder;
    @Autowired
    LogKeys keys;

    private static boolean filled;

    /** 1 public consultation, 2 restricted one, 3 Chatham House comment, 4 participant, 5 comment in the restricted one. */
    @BeforeEach
    void aLogWithSomethingOfEachKind() {
        if (filled) {
            return;
        }
        filled = true;
        events.appendEvents(new GenericDomainEventMessage<>("Consultation", "c-public", 0, created("c-public", Visibility.PUBLIC)));
        events.appendEvents(new GenericDomainEventMessage<>("Consultation", "c-restricted", 0, created("c-restricted", Visibility.RESTRICTED)));
        events.appendEvents(comment("c-public", 1, Attribution.CHATHAM_HOUSE));
        events.appendEvents(new GenericDomainEventMessage<>("Participant", "p-fr", 0, new ParticipantRegisteredEvent("p-fr", "France",
                StakeholderType.STATE, "FR", "Delegation of France", Set.of(Role.PARTICIPANT), "token-hash", DRAFTER)));
        events.appendEvents(comment("c-restricted", 1, Attribution.ATTRIBUTED));
        builder.build();
    }

    @Test
    void theKeyVerifiesTheCheckpoints() {
        String pem = web.get().uri("/api/log/key").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/x-pem-file")
                .expectBody(String.class).returnResult().getResponseBody();
        var key = Keys.readPublicPem(pem);

        JsonNode latest = getJson("/api/log/checkpoints/latest", null);
        assertThat(latest.path("treeSize").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(checkpoint(latest).verify(key)).isTrue();
        JsonNode listed = getJson("/api/log/checkpoints?after=0&limit=1000", null).path("checkpoints");
        assertThat(listed).isNotEmpty();
        assertThat(listed.get(0).path("treeSize").asLong()).isEqualTo(5);
        assertThat(checkpoint(listed.get(0)).verify(key)).isTrue();
        assertThat(getJson("/api/log/checkpoints?after=5", null).path("checkpoints").size()).isEqualTo(listed.size() - 1);
    }

    @Test
    void anInclusionProofLeadsFromTheLeafToTheRoot() {
        JsonNode proof = getJson("/api/log/proof/inclusion?position=3&treeSize=5", null);

        assertThat(proof.path("leafIndex").asLong()).isEqualTo(2);
        assertThat(Merkle.verifyInclusion(Hex.parse(proof.path("leafHash").asText()), 2, 5, hashes(proof.path("auditPath")),
                Hex.parse(proof.path("rootHash").asText()))).isTrue();
        JsonNode latest = getJson("/api/log/checkpoints?after=0&limit=1", null).path("checkpoints").get(0);
        assertThat(proof.path("rootHash").asText()).isEqualTo(latest.path("rootHash").asText());
        JsonNode byDefault = getJson("/api/log/proof/inclusion?position=1", null);
        assertThat(byDefault.path("treeSize").asLong()).isEqualTo(getJson("/api/log/checkpoints/latest", null).path("treeSize").asLong());
    }

    @Test
    void aConsistencyProofLinksTwoTrees() {
        JsonNode proof = getJson("/api/log/proof/consistency?from=3&to=5", null);

        assertThat(Merkle.verifyConsistency(3, 5, Hex.parse(proof.path("fromRoot").asText()), Hex.parse(proof.path("toRoot").asText()),
                hashes(proof.path("proof")))).isTrue();
    }

    @Test
    void entriesHashToTheirLeavesAndRevealOnlyWhatTheCallerMaySee() {
        JsonNode anonymous = getJson("/api/log/entries?from=0&to=4", null).path("entries");
        assertThat(anonymous.size()).isEqualTo(5);
        for (JsonNode entry : anonymous) {
            assertThat(Hex.of(Merkle.leafHash(CanonicalJson.canonicalize(entry.path("entry").toString()))))
                    .isEqualTo(entry.path("leafHash").asText());
            assertThat(entry.has("revealed")).isFalse();
        }
        assertThat(anonymous.get(1).path("entry").path("payload").fieldNames()).toIterable().containsExactly("committed");
        assertThat(anonymous.get(2).path("entry").path("payload").path("author").fieldNames()).toIterable().containsExactly("committed");
        assertThat(anonymous.get(2).path("entry").path("payload").path("body").asText()).isEqualTo("A remark");
        assertThat(anonymous.get(3).path("entry").path("payload").fieldNames()).toIterable().containsExactly("committed");
        assertThat(anonymous.toString()).doesNotContain("Restricted text").doesNotContain("France").doesNotContain("token-hash");

        List<String> restrictedParts = List.of("/type", "/aggregate", "/aggregateType", "/sequence", "/payload");
        List<String> restrictedReveals = new ArrayList<>();
        restrictedParts.forEach(path -> restrictedReveals.add("1:" + path));
        restrictedParts.forEach(path -> restrictedReveals.add("4:" + path));
        assertThat(revealedPaths(DELEGATE)).containsExactlyElementsOf(restrictedReveals);
        assertThat(revealedPaths(PRESS)).isEmpty();
        List<String> withTheAuthor = new ArrayList<>(restrictedReveals);
        withTheAuthor.add(restrictedParts.size(), "2:/payload/author");
        assertThat(revealedPaths(SECRETARIAT)).containsExactlyElementsOf(withTheAuthor);
        assertThat(revealedPaths(THE_AUTHOR)).containsExactlyElementsOf(withTheAuthor);
        assertThat(revealedPaths(ADMINISTRATOR)).containsExactly("3:/payload");

        for (JsonNode entry : getJson("/api/log/entries?from=0&to=4", SECRETARIAT).path("entries")) {
            assertThat(Commitments.check(entry.path("entry"), reveals(entry.path("revealed")))).isEmpty();
        }
        JsonNode restricted = getJson("/api/log/entries?from=1&to=1", DELEGATE).path("entries").get(0).path("revealed").get(4);
        assertThat(restricted.path("path").asText()).isEqualTo("/payload");
        assertThat(restricted.path("value").path("title").asText()).isEqualTo("Restricted text");
    }

    @Test
    void aRestrictedConsultationsEventsTellOutsidersNeitherItsIdNorWhatHappened() throws Exception {
        // leaf indexes 1 and 4, positions 2 and 5: its creation and a comment in it
        JsonNode anonymous = getJson("/api/log/entries?from=0&to=4", null).path("entries");
        List<JsonNode> exported = export().stream().filter(line -> line.path("kind").asText().equals("entry")).toList();
        for (JsonNode line : List.of(anonymous.get(1), anonymous.get(4), exported.get(1), exported.get(4))) {
            assertThat(line.path("position").asLong()).isIn(2L, 5L);
            assertThat(line.toString()).doesNotContain("c-restricted").doesNotContain("Consultation").doesNotContain("Comment");
            for (String field : List.of("type", "aggregate", "aggregateType", "sequence", "payload")) {
                assertThat(line.path("entry").path(field).fieldNames()).toIterable().as(field).containsExactly("committed");
            }
            assertThat(line.has("revealed")).isFalse();
        }

        for (CallerIdentity entitled : List.of(DELEGATE, SECRETARIAT)) {
            JsonNode entries = getJson("/api/log/entries?from=1&to=4", entitled).path("entries");
            for (JsonNode entry : List.of(entries.get(0), entries.get(3))) {
                assertThat(Hex.of(Merkle.leafHash(CanonicalJson.canonicalize(entry.path("entry").toString()))))
                        .isEqualTo(entry.path("leafHash").asText());
                assertThat(Commitments.check(entry.path("entry"), reveals(entry.path("revealed")))).isEmpty();
            }
            JsonNode comment = entries.get(3).path("revealed");
            assertThat(comment.get(0).path("value").asText()).isEqualTo(CommentPostedEvent.class.getName());
            assertThat(comment.get(1).path("value").asText()).isEqualTo("c-restricted");
            assertThat(comment.get(2).path("value").asText()).isEqualTo("Consultation");
            assertThat(comment.get(3).path("value").asLong()).isEqualTo(1);
        }
        // a reveal does not stand in for another part's commitment
        JsonNode creation = getJson("/api/log/entries?from=1&to=1", DELEGATE).path("entries").get(0);
        List<Commitments.Reveal> reveals = reveals(creation.path("revealed"));
        Commitments.Reveal type = reveals.get(0);
        assertThat(Commitments.check(creation.path("entry"), List.of(new Commitments.Reveal("/aggregate", type.salt(), type.value()))))
                .singleElement().asString().contains("do not match");
    }

    @Test
    void aReceiptHoldsTheEntryItsProofAndTheFirstCheckpointCoveringIt() {
        JsonNode receipt = getJson("/api/log/receipt?position=3", SECRETARIAT);

        JsonNode checkpoint = receipt.path("checkpoint");
        assertThat(checkpoint(checkpoint).verify(keys.publicKey())).isTrue();
        assertThat(checkpoint.path("treeSize").asLong()).isEqualTo(5);
        byte[] leafHash = Merkle.leafHash(CanonicalJson.canonicalize(receipt.path("entry").toString()));
        assertThat(Hex.of(leafHash)).isEqualTo(receipt.path("leafHash").asText());
        assertThat(Merkle.verifyInclusion(leafHash, receipt.path("leafIndex").asLong(), receipt.path("inclusion").path("treeSize").asLong(),
                hashes(receipt.path("inclusion").path("auditPath")), Hex.parse(checkpoint.path("rootHash").asText()))).isTrue();
        assertThat(receipt.path("revealed").get(0).path("path").asText()).isEqualTo("/payload/author");
    }

    @Test
    void anEventNoCheckpointCoversYetIsNotYetLogged() {
        long position = events.headPosition() + 1;
        events.appendEvents(comment("c-public", events.lastSequenceNumberFor("c-public").orElseThrow() + 1, Attribution.ATTRIBUTED));
        // within the checkpoint interval: the leaf is stored, no checkpoint signs it yet
        builder.build();

        expectProblem(web.get().uri("/api/log/receipt?position=" + position).exchange()
                        .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5"), HttpStatus.NOT_FOUND, "not-yet-logged",
                "No signed checkpoint covers position " + position + " yet; one is made within seconds.");
        JsonNode proof = getJson("/api/log/proof/inclusion?position=" + position + "&treeSize=" + (position), null);
        assertThat(proof.path("leafIndex").asLong()).isEqualTo(position - 1);
    }

    @Test
    void theExportMakesEachEntryNowSoAChangedEventShows() throws Exception {
        List<JsonNode> before = export();
        assertThat(before.get(0).path("kind").asText()).isEqualTo("checkpoint");
        List<JsonNode> entries = before.stream().filter(line -> line.path("kind").asText().equals("entry")).toList();
        assertThat(entries).extracting(line -> line.path("position").asLong()).startsWith(1L, 2L, 3L, 4L, 5L);
        for (JsonNode line : entries) {
            assertThat(leafHashOf(line)).isEqualTo(line.path("leafHash").asText());
        }

        var stored = logDatabase.getCollection("events");
        Document first = stored.find(Filters.eq("_id", 1L)).first();
        byte[] original = ((Binary) first.get("payload")).getData();
        stored.updateOne(Filters.eq("_id", 1L), Updates.set("payload", new Binary(new String(original, StandardCharsets.UTF_8)
                .replace("Public text", "Public texT").getBytes(StandardCharsets.UTF_8))));
        try {
            JsonNode changed = export().stream().filter(line -> line.path("position").asLong() == 1).findFirst().orElseThrow();
            assertThat(leafHashOf(changed)).isNotEqualTo(changed.path("leafHash").asText());
        } finally {
            stored.updateOne(Filters.eq("_id", 1L), Updates.set("payload", new Binary(original)));
        }
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        expectInvalid(web.get().uri("/api/log/proof/inclusion?position=0").exchange(), "position", "must be more than 0");
        expectInvalid(web.get().uri("/api/log/proof/inclusion?position=x").exchange(), "position", "must be a number");
        expectInvalid(web.get().uri("/api/log/proof/inclusion").exchange(), "position", "is required");
        expectInvalid(web.get().uri("/api/log/proof/inclusion?position=3&treeSize=1000000").exchange(), "treeSize",
                "must be at most the tree's size, " + new LogStorage(logDatabase).state().treeSize());
        expectInvalid(web.get().uri("/api/log/proof/inclusion?position=3&treeSize=2").exchange(), "treeSize",
                "must be more than the leaf's index, 2");
        expectNotFound(web.get().uri("/api/log/proof/inclusion?position=1000000").exchange(),
                "Position 1000000 holds no entry of the log (yet): no event, or one above what the log covers.");
        expectInvalid(web.get().uri("/api/log/proof/consistency?from=0&to=3").exchange(), "from", "must be more than 0");
        expectInvalid(web.get().uri("/api/log/proof/consistency?from=3&to=2").exchange(), "to", "must be at least from");
        expectInvalid(web.get().uri("/api/log/proof/consistency?from=3&to=1000000").exchange(), "to",
                "must be at most the tree's size, " + new LogStorage(logDatabase).state().treeSize());
        expectInvalid(web.get().uri("/api/log/entries?from=-1&to=3").exchange(), "from", "must be 0 or more");
        expectInvalid(web.get().uri("/api/log/entries?from=0&to=1000").exchange(), "to", "must be less than from + 1000");
        expectInvalid(web.get().uri("/api/log/entries?from=2&to=1").exchange(), "to", "must be at least from");
        expectInvalid(web.get().uri("/api/log/entries?from=0&to=999").exchange(), "to",
                "must be less than the tree's size, " + new LogStorage(logDatabase).state().treeSize());
        expectInvalid(web.get().uri("/api/log/checkpoints?limit=0").exchange(), "limit", "must be from 1 to 1000");
        expectInvalid(web.get().uri("/api/log/checkpoints?after=-1").exchange(), "after", "must be 0 or more");
        expectInvalid(web.get().uri("/api/log/receipt?position=-4").exchange(), "position", "must be more than 0");
    }

    private List<String> revealedPaths(CallerIdentity caller) {
        List<String> paths = new ArrayList<>();
        for (JsonNode entry : getJson("/api/log/entries?from=0&to=4", caller).path("entries")) {
            entry.path("revealed").forEach(reveal -> paths.add(entry.path("leafIndex").asLong() + ":" + reveal.path("path").asText()));
        }
        return paths;
    }

    private JsonNode getJson(String uri, CallerIdentity caller) {
        var request = web.get().uri(uri);
        byte[] body = (caller == null ? request : as(caller, request)).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<JsonNode> export() throws Exception {
        String body = web.get().uri("/api/log/export").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("application/x-ndjson")
                .expectBody(String.class).returnResult().getResponseBody();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static String leafHashOf(JsonNode line) {
        return Hex.of(Merkle.leafHash(CanonicalJson.canonicalize(line.path("entry").toString())));
    }

    private static Checkpoint checkpoint(JsonNode json) {
        return new Checkpoint(json.path("treeSize").asLong(), json.path("rootHash").asText(), json.path("timestamp").asText(),
                json.path("signature").asText());
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> hashes = new ArrayList<>();
        array.forEach(hash -> hashes.add(Hex.parse(hash.asText())));
        return hashes;
    }

    private static List<Commitments.Reveal> reveals(JsonNode array) {
        List<Commitments.Reveal> reveals = new ArrayList<>();
        array.forEach(reveal -> reveals.add(new Commitments.Reveal(reveal.path("path").asText(), reveal.path("salt").asText(), reveal.path("value"))));
        return reveals;
    }

    private static ConsultationCreatedEvent created(String id, Visibility visibility) {
        return new ConsultationCreatedEvent(id, visibility == Visibility.PUBLIC ? "Public text" : "Restricted text", "summary", visibility,
                List.of(new Provision("p1", "1", "Text")), ConsultationStatus.DRAFT, DRAFTER, 1);
    }

    private static GenericDomainEventMessage<CommentPostedEvent> comment(String consultationId, long sequence, Attribution attribution) {
        return new GenericDomainEventMessage<>("Consultation", consultationId, sequence, new CommentPostedEvent("comment-" + sequence + consultationId,
                consultationId, "p1", null, null, "A remark", attribution, 1, AUTHOR, null));
    }
}
