package org.concord.embedded;

import de.bwaldvogel.mongo.bson.Document;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operations the embedded server has received since it started, as MongoDB's {@code serverStatus} reports them in
 * {@code opcounters}: inserts, queries (finds), updates, deletes, getMores, and every other command. Each command
 * counts once, whatever the number of documents it holds, as MongoDB counts a bulk insert or a multi-update as one
 * operation. What a client reads to count the operations a piece of work cost (issue #17: MongoDB operations per write).
 */
final class OperationCounters {

    private final LongAdder insert = new LongAdder();
    private final LongAdder query = new LongAdder();
    private final LongAdder update = new LongAdder();
    private final LongAdder delete = new LongAdder();
    private final LongAdder getmore = new LongAdder();
    private final LongAdder command = new LongAdder();

    /** Counts one command, by its name as sent (any case). */
    void count(String commandName) {
        switch (commandName.toLowerCase(Locale.ROOT)) {
            case "insert" -> insert.increment();
            case "find" -> query.increment();
            case "update" -> update.increment();
            case "delete" -> delete.increment();
            case "getmore" -> getmore.increment();
            default -> command.increment();
        }
    }

    /** The counts in {@code serverStatus}'s {@code opcounters} shape, each a 64-bit integer. */
    Document asDocument() {
        Document counters = new Document();
        counters.put("insert", insert.sum());
        counters.put("query", query.sum());
        counters.put("update", update.sum());
        counters.put("delete", delete.sum());
        counters.put("getmore", getmore.sum());
        counters.put("command", command.sum());
        return counters;
    }
}
