package org.concord.eventstore.log;

import org.concord.verifier.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The log's key and secret: made once, kept for the owner alone, the same for every process that opens them. */
class LogKeysTest {

    @TempDir
    Path data;

    @Test
    void madeAtTheFirstOpenOwnerOnlyAndKeptAfterwards() throws Exception {
        Path directory = data.resolve("log");
        LogKeys first = LogKeys.open(directory);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(LogKeys.SIGNING_KEY)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(LogKeys.COMMITMENT_SECRET)))).isEqualTo("rw-------");
        assertThat(Files.readString(directory.resolve(LogKeys.SIGNING_KEY))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(first.commitmentSecret()).hasSize(32);
        try (var files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(LogKeys.SIGNING_KEY, LogKeys.COMMITMENT_SECRET);
        }

        LogKeys again = LogKeys.open(directory);
        assertThat(again.publicPem()).isEqualTo(first.publicPem());
        assertThat(again.commitmentSecret()).isEqualTo(first.commitmentSecret());
    }

    @Test
    void aCheckpointSignedWithTheKeyVerifiesWithItsPublicHalf() {
        LogKeys keys = LogKeys.open(data.resolve("log"));
        Checkpoint signed = keys.sign(3, "ab".repeat(32), "2026-12-06T02:15:43.120Z");

        assertThat(signed.verify(keys.publicKey())).isTrue();
        assertThat(new Checkpoint(4, signed.rootHash(), signed.timestamp(), signed.signature()).verify(keys.publicKey())).isFalse();
    }

    @Test
    void processesOpeningTogetherEndWithOneKeyAndOneSecret() throws Exception {
        Path directory = data.resolve("log");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<LogKeys>> opened = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                opened.add(pool.submit((Callable<LogKeys>) () -> LogKeys.open(directory)));
            }
            LogKeys first = opened.get(0).get();
            for (Future<LogKeys> other : opened) {
                assertThat(other.get().publicPem()).isEqualTo(first.publicPem());
                assertThat(other.get().commitmentSecret()).isEqualTo(first.commitmentSecret());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
