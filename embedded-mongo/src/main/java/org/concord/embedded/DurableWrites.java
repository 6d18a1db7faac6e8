package org.concord.embedded;

import org.h2.mvstore.MVStore;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes stored in the data file before the embedded server acknowledges them. H2 keeps what mongo-java-server writes in
 * memory until its next commit, which its background writer makes about once a second; a server that died (kill -9, out
 * of memory, a lost container) lost every write it had acknowledged in the last second or two, an acknowledged comment
 * among them, and the verifiable log could have signed a checkpoint over events that were then gone. A MongoDB replica
 * set, with its default write concern (a majority, journaled), loses no acknowledged write when one of its processes dies.
 * <p>
 * Commits are grouped: a write waits for a commit that began after it was made, and one commit covers every write made
 * before it began, whichever thread made it. Under many writes at once a commit serves them all; alone, a write costs one
 * commit. What reaches the file survives the process; the file is not forced to the disk at each commit, so a crash of
 * the operating system or a power cut may still take the last moments.
 */
final class DurableWrites {

    /** Commands that change nothing, answered without a commit; every other command is treated as a write. */
    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct", "listcollections",
            "listindexes", "listdatabases", "ismaster", "hello", "buildinfo", "serverstatus", "ping", "saslstart",
            "saslcontinue", "endsessions", "dbstats", "collstats", "getlasterror", "getparameter", "whatsmyuri",
            "connectionstatus", "hostinfo", "getcmdlineopts", "killcursors");

    private final MVStore store;
    /** Writes made so far, each numbered once it is made. */
    private final AtomicLong made = new AtomicLong();
    private final Object committing = new Object();
    /** Every write numbered up to this one is in the file; guarded by {@link #committing}. */
    private long stored;

    DurableWrites(MVStore store) {
        this.store = store;
    }

    /** Whether the command named (any case) may have changed something, so must be stored before it is answered. */
    static boolean writes(String commandName) {
        return !READS.contains(commandName.toLowerCase(Locale.ROOT));
    }

    /** Returns once what this thread has written so far is in the file. */
    void store() {
        long mine = made.incrementAndGet();
        synchronized (committing) {
            if (stored >= mine) {
                return;
            }
            long covered = made.get();
            store.commit();
            stored = covered;
        }
    }
}
