package org.concord.workspace.session;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.springframework.session.MapSession;
import org.springframework.session.ReactiveSessionRepository;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.mongodb.client.model.Filters.eq;

/**
 * The web sessions in MongoDB, so that every web-ui instance knows every signed-in person and a restart
 * signs nobody out. A session holds only strings (who is signed in, their sealed token); it ends after
 * its idle timeout, checked on every read, and MongoDB's TTL index removes it later.
 * <p>
 * Every request saves its session, if only to move its last access. A session read here and saved with the same
 * attributes within {@link #refresh} of the last access stored is not written again: each write is a commit of
 * the database, three per form sent (the form, its post, the next page). The stored last access may then lag by up
 * to that much, so an idle session may end that much early (at most a minute of an 8-hour day).
 */
final class MongoSessionRepository implements ReactiveSessionRepository<MapSession> {

    static final String COLLECTION = "sessions";
    private static final Duration MOST_REFRESH = Duration.ofMinutes(1);
    /** At most this many sessions are remembered; the least recently used are forgotten (their next save is written). */
    private static final int MOST_READINGS = 10_000;
    private final MongoCollection<StoredSession> sessions;
    private final Duration idleTimeout;
    private final Duration refresh;
    /** By session id, what this instance last read or wrote of it. */
    private final Map<String, Reading> readings = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Reading> eldest) {
            return size() > MOST_READINGS;
        }
    });

    MongoSessionRepository(MongoCollection<StoredSession> sessions, Duration idleTimeout) {
        this.sessions = sessions;
        this.idleTimeout = idleTimeout;
        Duration tenth = idleTimeout.dividedBy(10);
        this.refresh = tenth.compareTo(MOST_REFRESH) < 0 ? tenth : MOST_REFRESH;
    }

    /** A session as stored: its attributes, idle timeout and last access. */
    private record Reading(Map<String, Object> attributes, Duration maxInactive, Instant lastAccessed) {

        static Reading of(MapSession session) {
            Map<String, Object> attributes = new HashMap<>();
            session.getAttributeNames().forEach(name -> attributes.put(name, session.getAttribute(name)));
            return new Reading(attributes, session.getMaxInactiveInterval(), session.getLastAccessedTime());
        }

        /** Whether {@code now} differs from this reading only by a last access less than {@code refresh} later. */
        boolean unchangedBut(Reading now, Duration refresh) {
            return Duration.between(lastAccessed, now.lastAccessed()).compareTo(refresh) < 0
                    && maxInactive.equals(now.maxInactive())
                    && attributes.equals(now.attributes());
        }
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
        boolean sameId = session.getId().equals(session.getOriginalId());
        Reading read = readings.get(session.getId());
        Reading now = Reading.of(session);
        if (sameId && read != null && read.unchangedBut(now, refresh)) {
            return Mono.empty();
        }
        Mono<Void> dropOriginal = sameId
                ? Mono.empty()
                : Mono.from(sessions.deleteOne(eq(StoredSession.ID, session.getOriginalId()))).then();
        return dropOriginal.then(Mono.from(sessions.replaceOne(eq(StoredSession.ID, session.getId()), stored(session),
                        new ReplaceOptions().upsert(true))))
                .doOnSuccess(done -> {
                    readings.remove(session.getOriginalId());
                    readings.put(session.getId(), now);
                })
                .then();
    }

    @Override
    public Mono<MapSession> findById(String id) {
        return Mono.from(sessions.find(eq(StoredSession.ID, id)).first())
                .flatMap(stored -> {
                    MapSession session = session(stored);
                    if (session.isExpired()) {
                        return deleteById(id).then(Mono.empty());
                    }
                    readings.put(id, Reading.of(session));
                    return Mono.just(session);
                });
    }

    @Override
    public Mono<Void> deleteById(String id) {
        readings.remove(id);
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
