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
        sessions = client.getDatabase(database.name()).getCollection("sessions");
        repository = new MongoSessionRepository(sessions, Duration.ofHours(8));
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

        MongoSessionRepository other = new MongoSessionRepository(sessions, Duration.ofHours(8));
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
    void only_text_is_kept() {
        MapSession session = repository.createSession().block();
        session.setAttribute("concord.roles", List.of("DRAFTER"));
        assertThatThrownBy(() -> repository.save(session).block()).isInstanceOf(IllegalArgumentException.class);
    }
}
