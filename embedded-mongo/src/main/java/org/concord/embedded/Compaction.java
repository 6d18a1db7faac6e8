package org.concord.embedded;

import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data file's compaction, paced. H2 frees a chunk of its file once nothing in it is live, and its background writer
 * rewrites the live pages of partly dead chunks to free more. With H2's default fill rate (90) it does so even while
 * the store is busy, whenever its older chunks are less than 62 % live, some megabytes at a time. Concord's projections
 * touch the store every few milliseconds, so for H2 it is always busy; on a store of a million events the rewriting
 * never caught up, and the embedded server kept 55–69 % of a core busy with no client writing, competing with every
 * request for the cores. With H2's rate lowered to {@link #H2_FILL_RATE} alone it never rewrites a busy store, and the
 * file grew instead (a chunk with one live page in it is never freed).
 * <p>
 * So H2 rewrites only an idle store, and this rewrites the least live chunks of a busy one: at most
 * {@link #BYTES_A_PASS} a pass, a pass every {@link #EVERY}, while less than {@link #TARGET_FILL_RATE} % of the
 * chunks' bytes is live. The chunks stay about that live, and the compaction costs at most a megabyte of rewriting a
 * second however far behind it is.
 */
final class Compaction implements AutoCloseable {

    /**
     * H2's own fill rate: it then rewrites only an idle store, and moves chunks together once under half the
     * file is in use.
     */
    static final int H2_FILL_RATE = 50;
    /** Chunks are rewritten while less than this share of them (by bytes) is live. */
    static final int TARGET_FILL_RATE = 60;
    /** At most this many bytes of chunks rewritten a pass. */
    static final int BYTES_A_PASS = 1 << 20;
    static final Duration EVERY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(Compaction.class);

    private final MVStore store;
    private final ScheduledExecutorService pacer;
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong rewrites = new AtomicLong();

    private Compaction(MVStore store, ScheduledExecutorService pacer) {
        this.store = store;
        this.pacer = pacer;
    }

    /** Paces the compaction of a file-backed store, from now until {@link #close}. */
    static Compaction of(MVStore store) {
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "concord-h2-compaction");
            thread.setDaemon(true);
            return thread;
        });
        Compaction compaction = new Compaction(store, pacer);
        long every = EVERY.toMillis();
        pacer.scheduleWithFixedDelay(compaction::passQuietly, every, every, TimeUnit.MILLISECONDS);
        return compaction;
    }

    /**
     * One pass: rewrites up to {@link #BYTES_A_PASS} of the least live chunks if the chunks are less than
     * {@link #TARGET_FILL_RATE} % live, and tells whether it rewrote any.
     */
    boolean pass() {
        if (store.isClosed() || store.getFileStore().getChunksFillRate() >= TARGET_FILL_RATE) {
            return false;
        }
        passes.incrementAndGet();
        boolean rewrote = store.compact(TARGET_FILL_RATE, BYTES_A_PASS);
        if (rewrote) {
            rewrites.incrementAndGet();
        }
        return rewrote;
    }

    private void passQuietly() {
        try {
            pass();
        } catch (RuntimeException e) {
            // a store closed during the pass, or an error H2 reports (and handles) itself; the next pass tries again
            if (!store.isClosed()) {
                log.warn("Compacting the data file failed; trying again in {}", EVERY, e);
            }
        }
    }

    /** Passes that found the chunks below the target, and those of them that rewrote some. */
    long passes() {
        return passes.get();
    }

    long rewrites() {
        return rewrites.get();
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        try {
            pacer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
