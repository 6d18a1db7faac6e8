package org.concord.workspace.session;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.session.MapSession;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(MongoDbExtension.class)
class MongoSessionRepositoryTest {

    private MongoClient client;
    private MongoSessionRepository repository;
    private MongoCollection<Document> sessions;

    @BeforeEach
    void connect(TestMongoDatabase database) {
        client = MongoClients.create(database.uri());
        sessions = client.getDatabase(database.name()).getCollection(MongoSessionRepository.COLLECTION);
        repository = new MongoSessionRepository(sessions.withDocumentClass(StoredSession.class), Duration.ofHours(8));
        repository.createIndexes().block();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void a_saved_session_is_found_with_its_attributes_by_any_instance() {
        MapSession session = repository.createSession().block();
        session.setAttribute("concord.participantId", "p-1");
        session.setAttribute("concord.displayName", "Délégation de la France");
        repository.save(session).block();

        MongoSessionRepository other = new MongoSessionRepository(sessions.withDocumentClass(StoredSession.class), Duration.ofHours(8));
        MapSession found = other.findById(session.getId()).block();
        assertThat(found).isNotNull();
        assertThat((String) found.getAttribute("concord.displayName")).isEqualTo("Délégation de la France");
        assertThat(found.getMaxInactiveInterval()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void a_changed_id_replaces_the_old_session() {
        MapSession session = repository.createSession().block();
        session.setAttribute("concord.participantId", "p-1");
        repository.save(session).block();
        MapSession loaded = repository.findById(session.getId()).block();
        String before = loaded.getId();
        loaded.changeSessionId();
        repository.save(loaded).block();

        assertThat(repository.findById(before).blockOptional()).isEmpty();
        assertThat(repository.findById(loaded.getId()).blockOptional()).isPresent();
    }

    @Test
    void an_idle_session_is_gone_and_a_deleted_one_too() {
        MapSession idle = repository.createSession().block();
        idle.setAttribute("concord.participantId", "p-1");
        idle.setLastAccessedTime(Instant.now().minus(Duration.ofHours(9)));
        repository.save(idle).block();
        assertThat(repository.findById(idle.getId()).blockOptional()).isEmpty();
        assertThat(Mono.from(sessions.countDocuments()).block()).isZero();

        MapSession deleted = repository.createSession().block();
        repository.save(deleted).block();
        repository.deleteById(deleted.getId()).block();
        assertThat(repository.findById(deleted.getId()).blockOptional()).isEmpty();
    }

    @Test
    void a_session_saved_unchanged_within_a_minute_of_its_stored_access_is_not_written_again() {
        MapSession session = repository.createSession().block();
        session.setAttribute("concord.participantId", "p-1");
        repository.save(session).block();
        Instant stored = storedLastAccess(session.getId());

        MapSession read = repository.findById(session.getId()).block();
        read.setLastAccessedTime(stored.plusSeconds(30));
        repository.save(read).block();
        assertThat(storedLastAccess(session.getId())).as("only its last access moved, by less than a minute").isEqualTo(stored);

        read = repository.findById(session.getId()).block();
        read.setLastAccessedTime(stored.plusSeconds(40));
        read.setAttribute("concord.displayName", "Chile");
        repository.save(read).block();
        assertThat(storedLastAccess(session.getId())).as("an attribute changed").isEqualTo(stored.plusSeconds(40));

        read = repository.findById(session.getId()).block();
        read.setLastAccessedTime(stored.plusSeconds(101));
        repository.save(read).block();
        assertThat(storedLastAccess(session.getId())).as("a minute after the stored access").isEqualTo(stored.plusSeconds(101));
    }

    @Test
    void a_session_deleted_and_saved_again_is_written() {
        MapSession session = repository.createSession().block();
        repository.save(session).block();
        MapSession read = repository.findById(session.getId()).block();
        repository.deleteById(session.getId()).block();
        repository.save(read).block();
        assertThat(repository.findById(session.getId()).blockOptional()).isPresent();
    }

    private Instant storedLastAccess(String id) {
        return Mono.from(sessions.find(new Document("_id", id)).first()).block().getDate("lastAccessedAt").toInstant();
    }

    @Test
    void only_text_is_kept() {
        MapSession session = repository.createSession().block();
        session.setAttribute("concord.roles", List.of("DRAFTER"));
        assertThatThrownBy(() -> repository.save(session).block()).isInstanceOf(IllegalArgumentException.class);
    }

    /** A session exactly as the hand-built documents of earlier releases stored it. */
    private static Document oldShape(String id, Instant created, Instant lastAccessed, Object maxInactiveSeconds,
                                     Instant expireAt) {
        return new Document("_id", id)
                .append("createdAt", Date.from(created))
                .append("lastAccessedAt", Date.from(lastAccessed))
                .append("maxInactiveSeconds", maxInactiveSeconds)
                .append("expireAt", Date.from(expireAt))
                .append("attributes", new Document("concord_participantId",
                        new Document("name", "concord.participantId").append("value", "p-1")));
    }

    @Test
    void a_session_is_stored_in_the_shape_earlier_releases_wrote() {
        MapSession session = repository.createSession().block();
        session.setAttribute("concord.participantId", "p-1");
        repository.save(session).block();

        Instant lastAccessed = session.getLastAccessedTime();
        Document expected = oldShape(session.getId(), session.getCreationTime(), lastAccessed, 8L * 3600,
                lastAccessed.plus(Duration.ofHours(8)));
        Document written = Mono.from(sessions.find().first()).block();
        assertThat(written.toBsonDocument()).isEqualTo(expected.toBsonDocument());
        assertThat(written.keySet()).containsExactlyElementsOf(expected.keySet());
    }

    @Test
    void a_session_stored_by_an_earlier_release_is_found() {
        Instant created = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        Instant lastAccessed = created.plus(Duration.ofMinutes(30));
        Mono.from(sessions.insertOne(oldShape("old-1", created, lastAccessed, 8L * 3600, lastAccessed.plus(Duration.ofHours(8))))).block();
        // the earlier releases read any number of seconds
        Mono.from(sessions.insertOne(oldShape("old-2", created, lastAccessed, 3600, lastAccessed.plus(Duration.ofHours(1))))).block();

        MapSession found = repository.findById("old-1").block();
        assertThat(found).isNotNull();
        assertThat(found.getCreationTime()).isEqualTo(created);
        assertThat(found.getLastAccessedTime()).isEqualTo(lastAccessed);
        assertThat(found.getMaxInactiveInterval()).isEqualTo(Duration.ofHours(8));
        assertThat(found.getAttributeNames()).containsExactly("concord.participantId");
        assertThat((String) found.getAttribute("concord.participantId")).isEqualTo("p-1");
        assertThat(repository.findById("old-2").block().getMaxInactiveInterval()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_session_stored_without_attributes_is_found_empty() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Document bare = oldShape("bare", now, now, 8L * 3600, now.plus(Duration.ofHours(8)));
        bare.remove("attributes");
        Mono.from(sessions.insertOne(bare)).block();

        MapSession found = repository.findById("bare").block();
        assertThat(found).isNotNull();
        assertThat(found.getAttributeNames()).isEmpty();
    }
}
