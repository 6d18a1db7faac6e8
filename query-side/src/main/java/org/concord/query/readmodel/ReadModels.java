package org.concord.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read models' MongoDB collections, in generations. Reads are served from the serving generation;
 * projections write the writing generation. The two are the same except while a rebuild runs: then
 * the projections fill the next generation from the first event while reads keep answering from the
 * previous one, and the rebuild switches to it when done. Generation 0 uses the plain collection names.
 * The generations are stored, so every query-side process and every restart agrees on them.
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
        store(new Generations(current.serving(), next));
        return next;
    }

    /** Serves reads from the generation just built and drops the one it replaces. */
    public void finishGeneration() {
        Generations current = generations;
        store(new Generations(current.writing(), current.writing()));
        collections.values().forEach(collection -> collection.in(current.serving()).drop());
    }

    /** Gives up the generation being filled: projections write where reads are served again. */
    public void abandonNextGeneration() {
        Generations current = generations;
        store(new Generations(current.serving(), current.serving()));
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
        database.getCollection(STATE).replaceOne(Filters.eq("_id", ID),
                new Document("_id", ID).append("serving", next.serving()).append("writing", next.writing()),
                new ReplaceOptions().upsert(true));
        generations = next;
    }

    private Generations load() {
        Document stored = database.getCollection(STATE).find(Filters.eq("_id", ID)).first();
        return stored == null ? new Generations(0, 0) : new Generations(stored.getInteger("serving"), stored.getInteger("writing"));
    }

    private record Generations(int serving, int writing) {
    }
}
