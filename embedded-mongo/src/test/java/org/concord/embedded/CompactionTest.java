package org.concord.embedded;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data file whose chunks are mostly dead, kept busy as Concord keeps it (a commit every few milliseconds, so that H2
 * never takes it for idle): the paced compaction brings its chunks back above the target, which H2 at
 * {@link Compaction#H2_FILL_RATE} alone never does while the store is busy.
 */
class CompactionTest {

    private static final int ENTRIES = 20_000;
    private static final String VALUE = "x".repeat(400);

    @Test
    void rewrites_a_busy_store_until_its_chunks_are_live_enough(@TempDir Path dir) throws Exception {
        try (MVStore store = new MVStore.Builder().fileName(dir.resolve("busy.mv").toString())
                .autoCompactFillRate(Compaction.H2_FILL_RATE).open()) {
            // a chunk is rewritten only once it is older than the retention time, 45 s by default
            store.setRetentionTime(0);
            MVMap<Integer, String> map = store.openMap("documents");
            for (int i = 0; i < ENTRIES; i++) {
                map.put(i, VALUE);
                if (i % 100 == 99) {
                    store.commit();
                }
            }
            // three entries in four removed, spread over every chunk: each keeps some live pages
            for (int i = 0; i < ENTRIES; i++) {
                if (i % 4 != 0) {
                    map.remove(i);
                }
                if (i % 100 == 99) {
                    store.commit();
                }
            }
            store.commit();
            int before = store.getFileStore().getChunksFillRate();
            assertThat(before).as("chunks' fill rate after the removals").isLessThan(Compaction.TARGET_FILL_RATE);

            AtomicBoolean busy = new AtomicBoolean(true);
            Thread writer = new Thread(() -> {
                MVMap<String, Long> tokens = store.openMap("tokens");
                for (long i = 0; busy.get(); i++) {
                    tokens.put("segment", i);
                    store.commit();
                    sleep(2);
                }
            });
            writer.start();
            Compaction compaction = Compaction.of(store);
            try {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (store.getFileStore().getChunksFillRate() < Compaction.TARGET_FILL_RATE
                        && System.nanoTime() < deadline) {
                    sleep(100);
                }
            } finally {
                compaction.close();
                busy.set(false);
                writer.join();
            }
            assertThat(store.getFileStore().getChunksFillRate()).as("chunks' fill rate, from %d", before)
                    .isGreaterThanOrEqualTo(Compaction.TARGET_FILL_RATE);
            assertThat(compaction.rewrites()).isPositive();
            for (int i = 0; i < ENTRIES; i += 4) {
                assertThat(map.get(i)).isEqualTo(VALUE);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
