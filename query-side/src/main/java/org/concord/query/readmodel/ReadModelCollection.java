package org.concord.query.readmodel;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

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

    MongoCollection<Document> in(int generation) {
        return readModels.collection(name, generation);
    }

    @Override
    public String toString() {
        return name;
    }
}
