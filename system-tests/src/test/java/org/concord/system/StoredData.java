package org.concord.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A MongoDB database as files: one file per collection, {@code <collection>.jsonl}, one document a line in
 * canonical Extended JSON, so that every value keeps its exact BSON type (Int32 or Int64, dates, the binary
 * payloads of events and snapshots) when it is written back.
 */
final class StoredData {

    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final String SUFFIX = ".jsonl";

    private StoredData() {
    }

    /** Writes every collection of the database into {@code directory}, documents ordered by {@code _id}. */
    static void dump(String uri, String databaseName, Path directory) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase database = client.getDatabase(databaseName);
            Files.createDirectories(directory);
            for (String name : database.listCollectionNames()) {
                List<String> lines = new ArrayList<>();
                database.getCollection(name).find().sort(Sorts.ascending("_id"))
                        .forEach(document -> lines.add(document.toJson(CANONICAL)));
                Files.write(directory.resolve(name + SUFFIX), lines, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The collections in {@code directory}, by name, each with its documents. */
    static TreeMap<String, List<Document>> read(Path directory) {
        TreeMap<String, List<Document>> collections = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                String name = file.getFileName().toString();
                collections.put(name.substring(0, name.length() - SUFFIX.length()),
                        Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(Document::parse).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return collections;
    }

    /** Inserts the documents of the named collections, exactly as they were read, into an empty database. */
    static void restore(TreeMap<String, List<Document>> collections, Set<String> names, String uri, String databaseName) {
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase database = client.getDatabase(databaseName);
            names.forEach(name -> {
                List<Document> documents = collections.get(name);
                if (documents != null && !documents.isEmpty()) {
                    database.getCollection(name).insertMany(documents);
                }
            });
        }
    }
}
