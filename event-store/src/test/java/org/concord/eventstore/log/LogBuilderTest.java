package org.concord.eventstore.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.concord.eventstore.RawEventLog;
import org.concord.eventstore.SafeEventLog;
import org.concord.eventstore.SequencedMongoEventStorageEngine;
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
import org.concord.testing.MongoDbExtension;
import org.concord.testing.MovableClock;
import org.concord.testing.TestMongoDatabase;
import org.concord.verifier.Checkpoint;
import org.concord.verifier.Commitments;
import org.concord.verifier.Hex;
import org.concord.verifier.Merkle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree builder on a log of real Concord events: one leaf per event in position order (none for a tombstone),
 * the parts not everyone may see committed with deterministic salts, checkpoints signed over the tree's root, the
 * same tree continued after a restart and by another builder once the lease holder's lease has run out.
 */
@ExtendWith(MongoDbExtension.class)
class LogBuilderTest {

    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration CHECKPOINTS = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Actor DRAFTER = new Actor("drafter-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor DELEGATE = new Actor("delegate-1", "France", StakeholderType.STATE);

    @TempDir
    Path keysDirectory;
    private MongoClient client;
    private MongoDatabase database;
    private SequencedMongoEventStorageEngine store;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void open(TestMongoDatabase test) {
        client = MongoClients.create(test.uri());
        database = client.getDatabase(test.name());
        store = (SequencedMongoEventStorageEngine) SafeEventLog.reading(database);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private LogBuilder builder(String owner) {
        return new LogBuilder(store, new LogStorage(database), LogKeys.open(keysDirectory), clock, owner, LEASE, CHECKPOINTS, 3);
    }

    @Test
    void everyEventIsALeafInPositionOrderWithWhatIsNotPublicCommitted() throws Exception {
        appendTheLog();

        assertThat(builder("one").build()).isTrue();

        LogStorage storage = new LogStorage(database);
        List<LogStorage.Leaf> leaves = storage.leaves(0, 100);
        // positions 1-3, 5-7: position 4 holds a tombstone
        assertThat(leaves).extracting(LogStorage.Leaf::position).containsExactly(1L, 2L, 3L, 5L, 6L, 7L);
        assertThat(leaves).extracting(LogStorage.Leaf::leafIndex).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        List<LogEntry> entries = entriesNow();
        assertThat(leaves).extracting(leaf -> Hex.of(leaf.hash()))
                .containsExactlyElementsOf(entries.stream().map(entry -> Hex.of(entry.leafHash())).toList());

        JsonNode publicCreation = entry(entries, 1);
        assertThat(publicCreation.path("payload").path("title").asText()).isEqualTo("Code of Practice");
        assertThat(publicCreation.path("type").asText()).isEqualTo(ConsultationCreatedEvent.class.getName());
        assertThat(publicCreation.path("aggregate").asText()).isEqualTo("public");
        assertThat(publicCreation.path("sequence").asLong()).isZero();
        assertThat(publicCreation.has("revision")).isTrue();
        assertThat(entries.get(0).hidden()).isEmpty();

        // of a RESTRICTED consultation's event, what names the consultation or tells how active it is is committed too
        JsonNode restrictedCreation = entry(entries, 2);
        for (String field : List.of("type", "aggregate", "aggregateType", "sequence", "payload")) {
            assertThat(restrictedCreation.path(field).fieldNames()).toIterable().as(field).containsExactly("committed");
        }
        assertThat(new String(entries.get(1).canonical(), StandardCharsets.UTF_8)).doesNotContain("Restricted draft")
                .doesNotContain("restricted-1").doesNotContain("Consultation");
        assertThat(entries.get(1).hidden()).extracting(LogEntry.HiddenPart::path)
                .containsExactly("/type", "/aggregate", "/aggregateType", "/sequence", "/payload");
        assertThat(entries.get(1).hidden()).extracting(LogEntry.HiddenPart::audience).containsOnly(LogEntry.Audience.RESTRICTED_READERS);
        assertThat(entries.get(1).hidden()).extracting(part -> part.value().toString()).startsWith(
                '"' + ConsultationCreatedEvent.class.getName() + '"', "\"restricted-1\"", "\"Consultation\"", "0");

        JsonNode chathamHouse = entry(entries, 3);
        assertThat(chathamHouse.path("payload").path("body").asText()).isEqualTo("Under the rule");
        assertThat(chathamHouse.path("payload").path("author").fieldNames()).toIterable().containsExactly("committed");
        assertThat(new String(entries.get(2).canonical(), StandardCharsets.UTF_8)).doesNotContain("delegate-1");
        assertThat(entries.get(2).hidden()).singleElement().satisfies(part -> {
            assertThat(part.audience()).isEqualTo(LogEntry.Audience.DRAFTERS_AND_AUTHOR);
            assertThat(part.authorParticipantId()).isEqualTo("delegate-1");
        });

        JsonNode attributed = entry(entries, 5);
        assertThat(attributed.path("payload").path("author").path("participantId").asText()).isEqualTo("delegate-1");

        JsonNode participant = entry(entries, 6);
        assertThat(participant.path("payload").fieldNames()).toIterable().containsExactly("committed");
        assertThat(participant.path("type").asText()).isEqualTo(ParticipantRegisteredEvent.class.getName());
        assertThat(participant.path("aggregate").asText()).isEqualTo("delegate-1");
        assertThat(entries.get(4).hidden()).extracting(LogEntry.HiddenPart::audience).containsExactly(LogEntry.Audience.ADMINISTRATORS);

        // a Chatham House comment in a RESTRICTED consultation: the author committed inside the committed payload
        LogEntry nested = entries.get(5);
        assertThat(nested.hidden()).extracting(LogEntry.HiddenPart::path)
                .containsExactly("/type", "/aggregate", "/aggregateType", "/sequence", "/payload", "/payload/author");
        assertThat(new String(nested.canonical(), StandardCharsets.UTF_8)).doesNotContain("restricted-1").doesNotContain("Comment");
        assertThat(nested.hidden().get(4).value().path("author").fieldNames()).toIterable().containsExactly("committed");

        for (LogEntry entry : entries) {
            JsonNode opened = JSON.readTree(entry.canonical());
            for (LogEntry.HiddenPart part : entry.hidden()) {
                assertThat(Commitments.check(opened, List.of(new Commitments.Reveal(part.path(), Hex.of(part.salt()), part.value()))))
                        .as("reveal of %s at position %d", part.path(), entry.position()).isEmpty();
                opened = substituted(opened, part);
            }
        }
    }

    @Test
    void saltsFollowFromTheSecretAndTheEventSoAnyBuilderMakesTheSameLeaves() {
        appendTheLog();
        byte[] secret = Hex.parse("00".repeat(32));
        List<LogEntry> first = entries(new LogEntries(store, secret));
        List<LogEntry> second = entries(new LogEntries(store, secret));
        List<LogEntry> otherSecret = entries(new LogEntries(store, Hex.parse("01".repeat(32))));

        assertThat(first).extracting(entry -> Hex.of(entry.leafHash()))
                .containsExactlyElementsOf(second.stream().map(entry -> Hex.of(entry.leafHash())).toList());
        // the public entries alike, the committed ones not
        assertThat(Hex.of(first.get(0).leafHash())).isEqualTo(Hex.of(otherSecret.get(0).leafHash()));
        assertThat(Hex.of(first.get(1).leafHash())).isNotEqualTo(Hex.of(otherSecret.get(1).leafHash()));
        LogEntries entries = new LogEntries(store, secret);
        assertThat(entries.salt("event", "/payload")).isNotEqualTo(entries.salt("event", "/payload/author"))
                .isNotEqualTo(entries.salt("other event", "/payload")).hasSize(32);
    }

    @Test
    void checkpointsAreSignedOverTheTreesRootAndMadeWhileItGrows() {
        appendTheLog();
        LogBuilder builder = builder("one");
        builder.build();

        LogStorage storage = new LogStorage(database);
        LogStorage.StoredCheckpoint first = storage.checkpoint(1).orElseThrow();
        assertThat(first.treeSize()).isEqualTo(6);
        assertThat(first.rootHash()).isEqualTo(Hex.of(Merkle.root(leafHashes(storage))));
        assertThat(new Checkpoint(first.treeSize(), first.rootHash(), first.timestamp(), first.signature())
                .verify(LogKeys.open(keysDirectory).publicKey())).isTrue();

        append(comment("c-9", "public", 3, Attribution.ATTRIBUTED));
        builder.build();
        assertThat(storage.checkpoint(2)).as("within the checkpoint interval").isEmpty();
        clock.advance(CHECKPOINTS);
        builder.build();
        assertThat(storage.checkpoint(2)).get().extracting(LogStorage.StoredCheckpoint::treeSize).isEqualTo(7L);
        clock.advance(CHECKPOINTS);
        builder.build();
        assertThat(storage.checkpoint(3)).as("the tree did not grow").isEmpty();
        assertThat(storage.firstCheckpointAbove(5, 2)).isEqualTo(1);
        assertThat(storage.firstCheckpointAbove(6, 2)).isEqualTo(2);
        assertThat(storage.firstCheckpointAbove(7, 2)).isEqualTo(3);
    }

    @Test
    void aRoundEndsAtTheSafePositionItFoundNotAtEventsAppendedMeanwhile() {
        appendTheLog();
        // a comment is appended each time the builder has read a page short of a batch (twice at most), as under
        // continuous writes
        RawEventLog writesGoOn = new RawEventLog() {
            private long sequence = 3;

            @Override
            public long safePosition() {
                return store.safePosition();
            }

            @Override
            public RawEvents readRawSafeEvents(long afterPosition, int maxPositions) {
                RawEvents page = store.readRawSafeEvents(afterPosition, maxPositions);
                if (page.lastPosition() > afterPosition && page.lastPosition() - afterPosition < maxPositions && sequence < 5) {
                    append(comment("c-" + (10 + sequence), "public", sequence++, Attribution.ATTRIBUTED));
                }
                return page;
            }

            @Override
            public List<StoredEvent> readRawEvents(java.util.Collection<Long> positions) {
                return store.readRawEvents(positions);
            }

            @Override
            public java.util.Optional<StoredEvent> readRawEvent(String aggregateIdentifier, long sequenceNumber) {
                return store.readRawEvent(aggregateIdentifier, sequenceNumber);
            }
        };
        LogBuilder builder = new LogBuilder(writesGoOn, new LogStorage(database), LogKeys.open(keysDirectory), clock, "one",
                LEASE, CHECKPOINTS, 3);
        LogStorage storage = new LogStorage(database);

        assertThat(builder.build()).isTrue();
        // pages of 3, 3 and 1 (positions 1-3, 4-6, 7): the third is short of a batch, and position 8 came after it
        assertThat(storage.state().treeSize()).isEqualTo(6);
        assertThat(storage.state().coveredPosition()).isEqualTo(7);
        assertThat(builder.build()).isTrue();
        assertThat(storage.state().coveredPosition()).isEqualTo(8);
        assertThat(storage.state().treeSize()).isEqualTo(7);
    }

    @Test
    void aRestartedBuilderContinuesTheSameTree() {
        appendTheLog();
        builder("one").build();

        // a fresh builder (a restarted process) knows no visibility yet: the RESTRICTED one is looked up
        append(comment("c-8", "restricted-1", 2, Attribution.ATTRIBUTED));
        append(comment("c-9", "public", 3, Attribution.ATTRIBUTED));
        clock.advance(LEASE);
        LogBuilder restarted = builder("two");
        assertThat(restarted.build()).isTrue();

        LogStorage storage = new LogStorage(database);
        List<LogEntry> expected = entriesNow();
        assertThat(leafHashes(storage)).extracting(Hex::of)
                .containsExactlyElementsOf(expected.stream().map(entry -> Hex.of(entry.leafHash())).toList());
        assertThat(entry(expected, 8).path("payload").fieldNames()).toIterable().containsExactly("committed");
        assertThat(storage.state().treeSize()).isEqualTo(8);
        // the first build after the start signs the grown tree at once
        LogStorage.StoredCheckpoint latest = storage.checkpoint(2).orElseThrow();
        assertThat(latest.treeSize()).isEqualTo(8);
        assertThat(latest.rootHash()).isEqualTo(Hex.of(Merkle.root(leafHashes(storage))));
    }

    @Test
    void onlyTheLeaseHolderWritesAndATakerOverContinuesTheSameTree() {
        appendTheLog();
        LogBuilder one = builder("one");
        LogBuilder two = builder("two");
        assertThat(one.build()).isTrue();
        append(comment("c-9", "public", 3, Attribution.ATTRIBUTED));

        assertThat(two.build()).isFalse();
        LogStorage storage = new LogStorage(database);
        assertThat(storage.state().treeSize()).isEqualTo(6);
        assertThat(storage.leaves(0, 100)).hasSize(6);
        assertThat(storage.state().owner()).isEqualTo("one");

        clock.advance(LEASE.plusMillis(1));
        assertThat(two.build()).isTrue();
        assertThat(storage.state().owner()).isEqualTo("two");
        assertThat(storage.state().treeSize()).isEqualTo(7);
        assertThat(leafHashes(storage)).extracting(Hex::of)
                .containsExactlyElementsOf(entriesNow().stream().map(entry -> Hex.of(entry.leafHash())).toList());

        // the one that lost the lease writes nothing more
        append(comment("c-10", "public", 4, Attribution.ATTRIBUTED));
        assertThat(one.build()).isFalse();
        assertThat(storage.state().treeSize()).isEqualTo(7);
        clock.advance(CHECKPOINTS);
        assertThat(two.build()).isTrue();
        assertThat(storage.state().treeSize()).isEqualTo(8);
        assertThat(storage.checkpoint(storage.state().checkpoints())).get()
                .extracting(LogStorage.StoredCheckpoint::rootHash).isEqualTo(Hex.of(Merkle.root(leafHashes(storage))));
    }

    @Test
    void aBuilderWithAnotherKeyDoesNotBuildTheLog(@TempDir Path otherKeys) {
        appendTheLog();
        assertThat(builder("one").build()).isTrue();
        append(comment("c-9", "public", 3, Attribution.ATTRIBUTED));
        clock.advance(LEASE.plusMillis(1));

        LogBuilder stranger = new LogBuilder(store, new LogStorage(database), LogKeys.open(otherKeys), clock, "stranger", LEASE, CHECKPOINTS, 3);
        assertThat(stranger.build()).isFalse();

        LogStorage storage = new LogStorage(database);
        assertThat(storage.state().treeSize()).isEqualTo(6);
        assertThat(storage.leaves(0, 100)).hasSize(6);
        // it gave the lease up: a builder with the log's keys continues at once
        assertThat(builder("two").build()).isTrue();
        assertThat(storage.state().treeSize()).isEqualTo(7);
    }

    @Test
    void aKeyMovedToRetiredIsReplacedByANewOneThatContinuesTheLog(@TempDir Path otherKeys) throws Exception {
        appendTheLog();
        assertThat(builder("one").build()).isTrue();
        PublicKey oldKey = LogKeys.open(keysDirectory).publicKey();
        append(comment("c-9", "public", 3, Attribution.ATTRIBUTED));
        clock.advance(LEASE.plusMillis(1));

        // the operator's rotation, Concord stopped: the key moves to retired/, the next start makes a new one
        Files.createDirectories(keysDirectory.resolve(LogKeys.RETIRED));
        Files.move(keysDirectory.resolve(LogKeys.SIGNING_KEY), keysDirectory.resolve(LogKeys.RETIRED).resolve("2026-12-06.pem"));
        LogBuilder rotated = builder("rotated");
        assertThat(rotated.build()).isTrue();

        LogStorage storage = new LogStorage(database);
        assertThat(storage.state().treeSize()).isEqualTo(7);
        PublicKey newKey = LogKeys.open(keysDirectory).publicKey();
        assertThat(newKey).isNotEqualTo(oldKey);
        LogStorage.StoredCheckpoint first = storage.checkpoint(1).orElseThrow();
        LogStorage.StoredCheckpoint latest = storage.checkpoint(storage.state().checkpoints()).orElseThrow();
        assertThat(new Checkpoint(first.treeSize(), first.rootHash(), first.timestamp(), first.signature()).verify(oldKey)).isTrue();
        assertThat(new Checkpoint(latest.treeSize(), latest.rootHash(), latest.timestamp(), latest.signature()).verify(newKey)).isTrue();

        // a key that was never the log's is still refused, retired directory or not
        Files.createDirectories(otherKeys.resolve(LogKeys.RETIRED));
        clock.advance(LEASE.plusMillis(1));
        LogBuilder stranger = new LogBuilder(store, storage, LogKeys.open(otherKeys), clock, "stranger", LEASE, CHECKPOINTS, 3);
        assertThat(stranger.build()).isFalse();
    }

    /**
     * 1 public consultation, 2 restricted one, 3 Chatham House comment (public), 4 tombstone, 5 attributed comment,
     * 6 participant registered, 7 Chatham House comment in the restricted consultation.
     */
    private void appendTheLog() {
        append(new GenericDomainEventMessage<>("Consultation", "public", 0, created("public", Visibility.PUBLIC, "Code of Practice")));
        append(new GenericDomainEventMessage<>("Consultation", "restricted-1", 0,
                created("restricted-1", Visibility.RESTRICTED, "Restricted draft")));
        append(comment("c-1", "public", 1, Attribution.CHATHAM_HOUSE));
        database.getCollection("events").insertOne(new Document("_id", 4L).append("tombstone", true)
                .append("appendedAt", java.util.Date.from(clock.instant())));
        append(comment("c-2", "public", 2, Attribution.ATTRIBUTED));
        append(new GenericDomainEventMessage<>("Participant", "delegate-1", 0, new ParticipantRegisteredEvent("delegate-1",
                "France", StakeholderType.STATE, "FR", "Delegation of France", Set.of(Role.PARTICIPANT), "hash", DRAFTER)));
        append(comment("c-3", "restricted-1", 1, Attribution.CHATHAM_HOUSE));
    }

    private static ConsultationCreatedEvent created(String id, Visibility visibility, String title) {
        return new ConsultationCreatedEvent(id, title, "summary", visibility, List.of(new Provision("p1", "1", "Text")),
                ConsultationStatus.DRAFT, DRAFTER, 1);
    }

    private static GenericDomainEventMessage<CommentPostedEvent> comment(String commentId, String consultationId, long sequence,
                                                                         Attribution attribution) {
        return new GenericDomainEventMessage<>("Consultation", consultationId, sequence, new CommentPostedEvent(commentId,
                consultationId, "p1", null, null, attribution == Attribution.CHATHAM_HOUSE ? "Under the rule" : "Signed",
                attribution, 1, DELEGATE, null));
    }

    private void append(GenericDomainEventMessage<?> event) {
        store.appendEvents(event);
    }

    private List<LogEntry> entriesNow() {
        return entries(new LogEntries(store, LogKeys.open(keysDirectory)));
    }

    private List<LogEntry> entries(LogEntries maker) {
        List<LogEntry> entries = new ArrayList<>();
        for (RawEventLog.StoredEvent event : store.readRawSafeEvents(0, 1000).events()) {
            entries.add(maker.entryOf(event));
        }
        return entries;
    }

    private static List<byte[]> leafHashes(LogStorage storage) {
        return storage.leaves(0, 1000).stream().map(LogStorage.Leaf::hash).toList();
    }

    private static JsonNode entry(List<LogEntry> entries, long position) {
        LogEntry entry = entries.stream().filter(candidate -> candidate.position() == position).findFirst().orElseThrow();
        try {
            return JSON.readTree(entry.canonical());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The entry with a checked reveal put in place of its commitment, so that a reveal inside it can be checked next. */
    private static JsonNode substituted(JsonNode entry, LogEntry.HiddenPart part) {
        JsonNode copy = entry.deepCopy();
        String parent = part.path().substring(0, part.path().lastIndexOf('/'));
        String field = part.path().substring(part.path().lastIndexOf('/') + 1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) (parent.isEmpty() ? copy : copy.at(parent))).set(field, part.value());
        return copy;
    }
}
