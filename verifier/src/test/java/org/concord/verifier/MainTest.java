package org.concord.verifier;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line as a user meets it: what each command prints and its exit status (0 verified,
 * 1 not verified, 2 usage or I/O error), for a file, a directory, a server's export and a receipt.
 */
class MainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int run(String... args) {
        return new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Writes DIR/log.jsonl (the export's lines, or the lines given) and DIR/key.pem, as ./concord export-log does. */
    private ExportGenerator.Export written(ExportGenerator.Export export, List<String> lines) throws IOException {
        Files.write(dir.resolve("log.jsonl"), lines, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("key.pem"), export.publicPem());
        return export;
    }

    private ExportGenerator.Export written() throws IOException {
        ExportGenerator.Export export = ExportGenerator.generate(7, 40, 16, true);
        return written(export, export.lines());
    }

    @Test
    void anUntouchedExportVerifiesFromItsDirectoryOrFile() throws IOException {
        ExportGenerator.Export export = written();
        String key = dir.resolve("key.pem").toString();

        assertThat(run("verify", "--key", key, "--log", dir.toString())).isZero();
        assertThat(out()).contains("Verified 40 entries (40 leaves), 3 checkpoints")
                .contains("Latest checkpoint: tree size 40, root " + export.checkpoints().get(2).rootHash());
        assertThat(run("verify", "--log", dir.resolve("log.jsonl").toString(), "--key", key)).isZero();
    }

    @Test
    void aChangedExportFailsNamingThePosition() throws IOException {
        ExportGenerator.Export export = ExportGenerator.generate(7, 40, 16, true);
        List<String> lines = new ArrayList<>(export.lines());
        int line = export.checkpointLines().size() + 20;
        lines.set(line, lines.get(line).replace("\"v\":1", "\"v\":2"));
        written(export, lines);

        assertThat(run("verify", "--key", dir.resolve("key.pem").toString(), "--log", dir.toString())).isEqualTo(1);
        assertThat(out()).contains("NOT VERIFIED")
                .contains("First problem: position " + export.positions().get(20) + ": changed: the entry was altered after it was logged");
    }

    @Test
    void aServersExportVerifiesWithTheServersKeyOnFirstUse() throws IOException {
        ExportGenerator.Export export = written();
        serve(export);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";

        assertThat(run("verify", "--url", url)).isZero();
        assertThat(out()).contains("No --key given: trusting the key the server gives (trust on first use), fingerprint SHA256:")
                .contains("Verified 40 entries");

        ExportGenerator.Export other = ExportGenerator.generate(8, 5, 5, true);
        Path otherKey = dir.resolve("other.pem");
        Files.writeString(otherKey, other.publicPem());
        assertThat(run("verify", "--url", url, "--key", otherKey.toString())).isEqualTo(1);
        assertThat(out()).contains("checkpoint signature: it is not the log key's signature");
    }

    private void serve(ExportGenerator.Export export) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/log/key", exchange -> {
            byte[] body = export.publicPem().getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        server.createContext("/api/log/export", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream o = exchange.getResponseBody()) {
                for (String line : export.lines()) {
                    o.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        server.start();
    }

    @Test
    void keptCheckpointsMustAgreeWithTheLog() throws IOException {
        ExportGenerator.Export export = written();
        String key = dir.resolve("key.pem").toString();
        Path kept = dir.resolve("kept.jsonl");
        Files.writeString(kept, export.checkpointLines().get(0) + "\n");
        assertThat(run("verify", "--key", key, "--log", dir.toString(), "--checkpoints", kept.toString())).isZero();
        assertThat(out()).contains("1 kept checkpoints");

        // a checkpoint of the same size, signed by the same key over another root: the log was rewritten since
        Checkpoint first = export.checkpoints().get(0);
        Checkpoint forked = Checkpoint.sign(first.treeSize(), Hex.of(new byte[32]), first.timestamp(), export.keys().getPrivate());
        Files.writeString(kept, ExportGenerator.checkpointJson(forked) + "\n");
        assertThat(run("verify", "--key", key, "--log", dir.toString(), "--checkpoints", kept.toString())).isEqualTo(1);
        assertThat(out()).contains("the kept checkpoint of tree size 16").contains("the log was rewritten since it was kept");
    }

    @Test
    void aReceiptVerifiesAndATamperedOneDoesNot() throws IOException {
        ExportGenerator.Export export = written();
        Path receipt = dir.resolve("receipt.json");
        Files.writeString(receipt, export.receipt(21).toString());
        String key = dir.resolve("key.pem").toString();

        assertThat(run("verify-receipt", receipt.toString(), "--key", key)).isZero();
        assertThat(out()).contains("Verified: position " + export.positions().get(21) + " (leaf 21) is in the log of tree size 32");

        Files.writeString(receipt, export.receipt(21).put("leafIndex", 22).toString());
        assertThat(run("verify-receipt", "--key", key, receipt.toString())).isEqualTo(1);
        assertThat(out()).contains("the inclusion proof does not lead from the entry at leaf 22");
    }

    /** Key A signed the checkpoints of tree sizes 8 and 16; then the key was rotated and B signed 24, 32 and 40. */
    private record Rotation(ExportGenerator.Export export, String oldKey, String newKey, String oldFingerprint,
                            String newFingerprint) {
    }

    private Rotation rotation() throws IOException {
        ExportGenerator.Export before = ExportGenerator.generate(11, 40, 8, true);
        ExportGenerator.Export after = before.rotated(2, ExportGenerator.ed25519());
        written(after, after.lines());
        Path oldKey = dir.resolve("signing-key-2026-12-01.pem");
        Files.writeString(oldKey, before.publicPem());
        return new Rotation(after, oldKey.toString(), dir.resolve("key.pem").toString(),
                Main.fingerprint(before.keys().getPublic()), Main.fingerprint(after.keys().getPublic()));
    }

    @Test
    void anExportSpanningAKeyRotationVerifiesWithBothKeys() throws IOException {
        Rotation r = rotation();

        assertThat(run("verify", "--key", r.oldKey(), "--key", r.newKey(), "--log", dir.toString())).isZero();
        assertThat(out())
                .contains("Key " + r.oldFingerprint() + " (" + r.oldKey() + ") signed 2 checkpoints, tree sizes 8 to 16.")
                .contains("Key " + r.newFingerprint() + " (" + r.newKey() + ") signed 3 checkpoints, tree sizes 24 to 40.")
                .contains("Verified 40 entries (40 leaves), 5 checkpoints")
                .contains("Latest checkpoint: tree size 40, root " + r.export().checkpoints().get(4).rootHash());
    }

    @Test
    void withOneKeyOfARotationTheFirstCheckpointItDidNotSignIsNamed() throws IOException {
        Rotation r = rotation();
        List<Checkpoint> checkpoints = r.export().checkpoints();

        assertThat(run("verify", "--key", r.oldKey(), "--log", dir.toString())).isEqualTo(1);
        assertThat(out()).contains("First problem: " + LogVerifier.describe(checkpoints.get(2))
                        + ": checkpoint signature: it is not the log key's signature")
                .contains("3 of 5 checkpoints are signed by no key given. If the log's key was rotated,"
                        + " give every key it had: --key old.pem --key new.pem.");

        out.reset();
        assertThat(run("verify", "--key", r.newKey(), "--log", dir.toString())).isEqualTo(1);
        assertThat(out()).contains("First problem: " + LogVerifier.describe(checkpoints.get(0))
                        + ": checkpoint signature: it is not the log key's signature")
                .contains("  then: " + LogVerifier.describe(checkpoints.get(1)))
                .contains("2 of 5 checkpoints are signed by no key given.");

        // a checkpoint neither key signed is still named, the rotation notwithstanding
        Checkpoint third = checkpoints.get(2);
        Checkpoint forged = Checkpoint.sign(third.treeSize(), third.rootHash(), third.timestamp(), ExportGenerator.ed25519().getPrivate());
        List<String> lines = new ArrayList<>(r.export().lines());
        lines.set(2, "{\"kind\":\"checkpoint\"," + ExportGenerator.checkpointJson(forged).toString().substring(1));
        written(r.export(), lines);
        out.reset();
        assertThat(run("verify", "--key", r.oldKey(), "--key", r.newKey(), "--log", dir.toString())).isEqualTo(1);
        assertThat(out()).contains("First problem: " + LogVerifier.describe(third)
                        + ": checkpoint signature: none of the 2 keys given signed it")
                .contains("1 of 5 checkpoints are signed by no key given.");
    }

    @Test
    void aReceiptSignedByTheNewKeyVerifiesWithBothKeys() throws IOException {
        Rotation r = rotation();
        Path receipt = dir.resolve("receipt.json");
        Files.writeString(receipt, r.export().receipt(30).toString());

        assertThat(run("verify-receipt", receipt.toString(), "--key", r.oldKey(), "--key", r.newKey())).isZero();
        assertThat(out()).contains("Verified: position " + r.export().positions().get(30) + " (leaf 30) is in the log of tree size 32")
                .contains("by key " + r.newFingerprint() + " (" + r.newKey() + ").");

        out.reset();
        assertThat(run("verify-receipt", receipt.toString(), "--key", r.oldKey())).isEqualTo(1);
        assertThat(out()).contains("checkpoint signature: the receipt's checkpoint is not signed by the log key");
    }

    @Test
    void usageAndInputErrorsExitWithTwo() throws IOException {
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).contains("unknown command \"frobnicate\"").contains("Usage:");
        assertThat(run("verify", "--log", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("verify --log needs --key");
        assertThat(run("verify", "--key", "k.pem", "--log", "x", "--url", "http://localhost")).isEqualTo(2);
        assertThat(run("verify", "--key")).isEqualTo(2);
        assertThat(err()).contains("--key needs a value");

        assertThat(run("verify", "--key", dir.resolve("absent.pem").toString(), "--log", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("cannot read the key");
        written();
        assertThat(run("verify", "--key", dir.resolve("key.pem").toString(), "--log", dir.resolve("absent").toString())).isEqualTo(2);
        assertThat(err()).contains("cannot read");
        assertThat(run("verify", "--url", "http://127.0.0.1:1")).isEqualTo(2);
        assertThat(err()).contains("GET http://127.0.0.1:1/api/log/key failed");

        assertThat(run("verify", "--key", dir.resolve("key.pem").toString(), "--key", dir.resolve("key.pem").toString(),
                "--log", dir.toString())).isEqualTo(2);
        assertThat(err()).contains("--key " + dir.resolve("key.pem") + " and --key " + dir.resolve("key.pem") + " are the same key");
        assertThat(run("verify", "--log", dir.toString(), "--log", dir.toString(), "--key", dir.resolve("key.pem").toString())).isEqualTo(2);
        assertThat(err()).contains("--log is given twice");

        assertThat(run("verify", "--help")).isZero();
        assertThat(out()).contains("Usage:");
    }
}
