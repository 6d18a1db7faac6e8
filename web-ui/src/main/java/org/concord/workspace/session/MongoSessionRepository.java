package org.concord.workspace.session;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveSessionRepository;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;

/**
 * The web sessions in MongoDB, so that every web-ui instance knows every signed-in person and a restart
 * signs nobody out. A session holds only strings (who is signed in, their sealed token); it ends after
 * its idle timeout, checked on every read, and MongoDB's TTL index removes it later.
 */
final class MongoSessionRepository implements ReactiveSessionRepository<MapSession> {

    private final MongoCollection<Document> sessions;
    private final Duration idleTimeout;

    MongoSessionRepository(MongoCollection<Document> sessions, Duration idleTimeout) {
        this.sessions = sessions;
        this.idleTimeout = idleTimeout;
    }

    Mono<Void> createIndexes() {
        return Mono.from(sessions.createIndex(Indexes.ascending("expireAt"),
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
                : Mono.from(sessions.deleteOne(eq("_id", session.getOriginalId()))).then();
        return dropOriginal.then(Mono.from(sessions.replaceOne(eq("_id", session.getId()), document(session),
                new ReplaceOptions().upsert(true)))).then();
    }

    @Override
    public Mono<MapSession> findById(String id) {
        return Mono.from(sessions.find(eq("_id", id)).first())
                .flatMap(document -> {
                    MapSession session = session(document);
                    return session.isExpired() ? deleteById(id).then(Mono.empty()) : Mono.just(session);
                });
    }

    @Override
    public Mono<Void> deleteById(String id) {
        return Mono.from(sessions.deleteOne(eq("_id", id))).then();
    }

    private static Document document(MapSession session) {
        Document attributes = new Document();
        for (String name : session.getAttributeNames()) {
            Object value = session.getAttribute(name);
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("A web session keeps only text; " + name + " is a " + value.getClass().getName());
            }
            attributes.append(name.replace('.', '_'), new Document("name", name).append("value", text));
        }
        return new Document("_id", session.getId())
                .append("createdAt", Date.from(session.getCreationTime()))
                .append("lastAccessedAt", Date.from(session.getLastAccessedTime()))
                .append("maxInactiveSeconds", session.getMaxInactiveInterval().toSeconds())
                .append("expireAt", Date.from(session.getLastAccessedTime().plus(session.getMaxInactiveInterval())))
                .append("attributes", attributes);
    }

    private static MapSession session(Document document) {
        MapSession session = new MapSession(document.getString("_id"));
        session.setCreationTime(document.getDate("createdAt").toInstant());
        session.setLastAccessedTime(document.getDate("lastAccessedAt").toInstant());
        session.setMaxInactiveInterval(Duration.ofSeconds(((Number) document.get("maxInactiveSeconds")).longValue()));
        Document attributes = document.get("attributes", Document.class);
        if (attributes != null) {
            for (Object entry : attributes.values()) {
                Document attribute = (Document) entry;
                session.setAttribute(attribute.getString("name"), attribute.getString("value"));
            }
        }
        return session;
    }
}
