package org.concord.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.annotation.Nullable;
import org.bson.Document;
import org.bson.codecs.pojo.annotations.BsonId;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read models' MongoDB collections, in generations. Reads are served from the serving generation;
 * projections write the writing generation. The two are the same except while a rebuild runs: then
 * the projections fill the next generation from the first event while reads keep answering from the
 * previous one, and the rebuild switches to it when done. Generation 0 uses the plain collection names.
 * The generations are stored, so every query-side process and every restart agrees on them; each
 * process picks up a switch another made within a {@link #refresh()} (every quarter of a second, by
 * {@link ReadModelRebuild}), so the generation a switch replaces is dropped only a while later
 * ({@link #dropRetired}), never under the reads of a process that has not seen the switch yet.
 */
@Component
public class ReadModels {

    private static final String STATE = "readModelGenerations";
    private static final String ID = "generations";

    private final MongoDatabase database;
    private final Map<String, ReadModelCollection> collections = new ConcurrentHashMap<>();
    private volatile Generations generations;

    public ReadModels(MongoDatabase concordDatabase) {
        this.database = concordDatabase;
        this.generations = load();
    }

    /** A read model collection by its plain name; every collection a projection uses is declared here. */
    public ReadModelCollection collection(String name) {
        return collections.computeIfAbsent(name, plain -> new ReadModelCollection(plain, this));
    }

    public int servingGeneration() {
        return generations.serving();
    }

    public int writingGeneration() {
        return generations.writing();
    }

    /** Whether a rebuild is filling a generation that reads do not see yet. */
    public boolean rebuilding() {
        Generations current = generations;
        return current.writing() != current.serving();
    }

    /** Starts filling the next generation: projections write there from now on, reads stay where they were. */
    public int beginNextGeneration() {
        Generations current = generations;
        int next = current.serving() + 1;
        collections.values().forEach(collection -> collection.in(next).drop());
        store(new Generations(current.serving(), next, current.retired(), current.retiredAt()));
        return next;
    }

    /** Serves reads from the generation just built; the one it replaces is dropped by {@link #dropRetired} later. */
    public void finishGeneration(Instant now) {
        Generations current = generations;
        store(new Generations(current.writing(), current.writing(), current.serving(), now));
    }

    /** Drops the generation the last switch replaced, once {@code grace} has passed since the switch. */
    public void dropRetired(Instant now, Duration grace) {
        Generations current = generations;
        if (current.retired() == null || now.isBefore(current.retiredAt().plus(grace))) {
            return;
        }
        collections.values().forEach(collection -> collection.in(current.retired()).drop());
        store(new Generations(current.serving(), current.writing()));
    }

    /** Gives up the generation being filled: projections write where reads are served again. */
    public void abandonNextGeneration() {
        Generations current = generations;
        store(new Generations(current.serving(), current.serving(), current.retired(), current.retiredAt()));
        collections.values().forEach(collection -> collection.in(current.writing()).drop());
    }

    /** Picks up a switch another query-side process made. */
    public void refresh() {
        generations = load();
    }

    MongoCollection<Document> collection(String name, int generation) {
        return database.getCollection(generation == 0 ? name : name + "_g" + generation);
    }

    List<String> names() {
        return List.copyOf(collections.keySet());
    }

    private void store(Generations next) {
        database.getCollection(STATE, StoredGenerations.class).replaceOne(Filters.eq("_id", ID),
                new StoredGenerations(ID, next.serving(), next.writing(), next.retired(), next.retiredAt()),
                new ReplaceOptions().upsert(true));
        generations = next;
    }

    private Generations load() {
        StoredGenerations stored = database.getCollection(STATE, StoredGenerations.class).find(Filters.eq("_id", ID)).first();
        return stored == null ? new Generations(0, 0)
                : new Generations(stored.serving(), stored.writing(), stored.retired(), stored.retiredAt());
    }

    /** The generations as stored, in one document (read and written by the record codec, which reads it by reflection). */
    public record StoredGenerations(@BsonId String id, int serving, int writing, @Nullable Integer retired, @Nullable Instant retiredAt) {
    }

    /** Which generation reads use, which the projections fill, and the one the last switch replaced, if not dropped yet. */
    private record Generations(int serving, int writing, Integer retired, Instant retiredAt) {

        Generations(int serving, int writing) {
            this(serving, writing, null, null);
        }
    }
}
