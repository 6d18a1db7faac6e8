package org.concord.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import org.bson.Document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One read model collection across generations: event handlers write {@link #writing()}, queries read
 * {@link #reading()}; they differ only while a rebuild runs (see {@link ReadModels}).
 */
public final class ReadModelCollection {

    private final String name;
    private final ReadModels readModels;

    ReadModelCollection(String name, ReadModels readModels) {
        this.name = name;
        this.readModels = readModels;
    }

    public MongoCollection<Document> writing() {
        return in(readModels.writingGeneration());
    }

    public MongoCollection<Document> reading() {
        return in(readModels.servingGeneration());
    }

    /** {@link #writing()}, its documents read and written as {@code type}, a record (the driver's record codec). */
    public <T> MongoCollection<T> writing(Class<T> type) {
        return writing().withDocumentClass(type);
    }

    /** {@link #reading()}, its documents read as {@code type}, a record (the driver's record codec). */
    public <T> MongoCollection<T> reading(Class<T> type) {
        return reading().withDocumentClass(type);
    }

    /** How many documents being read have each value of {@code field}, in one aggregation. */
    public Map<String, Long> countBy(String field) {
        Map<String, Long> counts = new HashMap<>();
        for (Document group : reading().aggregate(List.of(Aggregates.group("$" + field, Accumulators.sum("count", 1))))) {
            Object value = group.get("_id");
            if (value != null) {
                counts.put(value.toString(), ((Number) group.get("count")).longValue());
            }
        }
        return counts;
    }

    MongoCollection<Document> in(int generation) {
        return readModels.collection(name, generation);
    }

    @Override
    public String toString() {
        return name;
    }
}
