package org.concord.system;

import org.bson.Document;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the stored-data fixture lives ({@code src/test/resources/stored-data}) and what its files are: the
 * database as the release that wrote it left it ({@link #STORE}), every aggregate's state, the read endpoints'
 * answers, the writes sent with an {@code Idempotency-Key}, and which release wrote it ({@link #ABOUT}).
 */
final class StoredDataFixture {

    static final String STORE = "store";
    static final String AGGREGATES = "aggregates.json";
    static final String ANSWERS = "answers.json";
    static final String KEYED_WRITES = "keyed-writes.json";
    static final String ABOUT = "about.json";

    private StoredDataFixture() {
    }

    static Path root() {
        return Path.of(System.getProperty("concord.root", "..")).toAbsolutePath().normalize();
    }

    static Path directory() {
        return root().resolve("system-tests/src/test/resources/stored-data");
    }

    /** Every aggregate the stored events belong to: its id and its type, in the order of its first event. */
    static Map<String, String> aggregateIds(TreeMap<String, List<Document>> store) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (Document event : store.get("events")) {
            String key = event.getString("aggregateSequence");
            String type = event.getString("aggregateType");
            if (key != null && type != null) {
                ids.putIfAbsent(key.substring(0, key.lastIndexOf(':')), type);
            }
        }
        return ids;
    }
}
