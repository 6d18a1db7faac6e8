package org.concord.verifier;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a generated export, DIR/log.jsonl and DIR/key.pem as ./concord export-log does, to time the
 * verifier on a large log by hand (see README.md). Not a test: run with
 * {@code java -cp <test classpath> org.concord.verifier.GenerateExport DIR [EVENTS]}.
 */
public final class GenerateExport {

    private GenerateExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: GenerateExport DIR [EVENTS, default 100000]");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        int events = args.length == 2 ? Integer.parseInt(args[1]) : 100_000;
        ExportGenerator.Export export = ExportGenerator.generate(System.nanoTime(), events, 1000, true);
        try (BufferedWriter log = Files.newBufferedWriter(dir.resolve("log.jsonl"), StandardCharsets.UTF_8)) {
            for (String line : export.lines()) {
                log.write(line);
                log.write('\n');
            }
        }
        Files.writeString(dir.resolve("key.pem"), export.publicPem(), StandardCharsets.US_ASCII);
        System.out.println("wrote " + events + " events and " + export.checkpoints().size() + " checkpoints to " + dir);
    }
}
