package org.concord.embedded;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

            ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
            MVMap<String, Long> tokens = store.openMap("tokens");
            AtomicLong written = new AtomicLong();
            writer.scheduleWithFixedDelay(() -> {
                tokens.put("segment", written.incrementAndGet());
                store.commit();
            }, 0, 2, TimeUnit.MILLISECONDS);
            Compaction compaction = Compaction.of(store);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> store.getFileStore().getChunksFillRate() >= Compaction.TARGET_FILL_RATE);
            } finally {
                compaction.close();
                writer.shutdownNow();
                writer.awaitTermination(10, TimeUnit.SECONDS);
            }
            assertThat(store.getFileStore().getChunksFillRate()).as("chunks' fill rate, from %d", before)
                    .isGreaterThanOrEqualTo(Compaction.TARGET_FILL_RATE);
            assertThat(compaction.rewrites()).isPositive();
            for (int i = 0; i < ENTRIES; i += 4) {
                assertThat(map.get(i)).isEqualTo(VALUE);
            }
        }
    }
}
