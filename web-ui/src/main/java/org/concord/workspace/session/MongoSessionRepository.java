package org.concord.workspace.session;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveSessionRepository;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;

/**
 * The web sessions in MongoDB, so that every web-ui instance knows every signed-in person and a restart
 * signs nobody out. A session holds only strings (who is signed in, their sealed token); it ends after
 * its idle timeout, checked on every read, and MongoDB's TTL index removes it later.
 */
final class MongoSessionRepository implements ReactiveSessionRepository<MapSession> {

    static final String COLLECTION = "sessions";
    private final MongoCollection<StoredSession> sessions;
    private final Duration idleTimeout;

    MongoSessionRepository(MongoCollection<StoredSession> sessions, Duration idleTimeout) {
        this.sessions = sessions;
        this.idleTimeout = idleTimeout;
    }

    Mono<Void> createIndexes() {
        return Mono.from(sessions.createIndex(Indexes.ascending(StoredSession.EXPIRE_AT),
                new IndexOptions().name("expireAt_ttl").expireAfter(0L, TimeUnit.SECONDS))).then();
    }

    @Override
    public Mono<MapSession> createSession() {
        MapSession session = new MapSession();
        session.setMaxInactiveInterval(idleTimeout);
        return Mono.just(session);
    }

    @Override
    public Mono<Void> save(MapSession session) {
        Mono<Void> dropOriginal = session.getId().equals(session.getOriginalId())
                ? Mono.empty()
                : Mono.from(sessions.deleteOne(eq(StoredSession.ID, session.getOriginalId()))).then();
        return dropOriginal.then(Mono.from(sessions.replaceOne(eq(StoredSession.ID, session.getId()), stored(session),
                new ReplaceOptions().upsert(true)))).then();
    }

    @Override
    public Mono<MapSession> findById(String id) {
        return Mono.from(sessions.find(eq(StoredSession.ID, id)).first())
                .flatMap(stored -> {
                    MapSession session = session(stored);
                    return session.isExpired() ? deleteById(id).then(Mono.empty()) : Mono.just(session);
                });
    }

    @Override
    public Mono<Void> deleteById(String id) {
        return Mono.from(sessions.deleteOne(eq(StoredSession.ID, id))).then();
    }

    private static StoredSession stored(MapSession session) {
        Map<String, StoredSession.Attribute> attributes = new LinkedHashMap<>();
        for (String name : session.getAttributeNames()) {
            Object value = session.getAttribute(name);
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("A web session keeps only text; " + name + " is a " + value.getClass().getName());
            }
            attributes.put(name.replace('.', '_'), new StoredSession.Attribute(name, text));
        }
        return new StoredSession(session.getId(), session.getCreationTime(), session.getLastAccessedTime(),
                session.getMaxInactiveInterval().toSeconds(),
                session.getLastAccessedTime().plus(session.getMaxInactiveInterval()), attributes);
    }

    private static MapSession session(StoredSession stored) {
        MapSession session = new MapSession(stored.id());
        session.setCreationTime(stored.createdAt());
        session.setLastAccessedTime(stored.lastAccessedAt());
        session.setMaxInactiveInterval(Duration.ofSeconds(stored.maxInactiveSeconds()));
        if (stored.attributes() != null) {
            for (StoredSession.Attribute attribute : stored.attributes().values()) {
                session.setAttribute(attribute.name(), attribute.value());
            }
        }
        return session;
    }
}
