package org.concord.verifier;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command-line verifier: checks a Concord log export or a receipt with nothing but the log's public
 * key, so that anyone can hold the log to what it signed without trusting the server that serves it.
 * Exit status: 0 verified, 1 does not verify, 2 usage or input/output error.
 */
public final class Main {

    static final int VERIFIED = 0;
    static final int FAILED = 1;
    static final int ERROR = 2;

    /** How many problems are listed after the first; the rest are counted. */
    private static final int LISTED = 20;

    static final String USAGE = """
            Usage:
              java -jar concord-verifier.jar verify --key KEY.pem [--key KEY.pem]... --log DIR|FILE [--checkpoints KEPT.jsonl]
              java -jar concord-verifier.jar verify --url http://HOST:PORT [--key KEY.pem]... [--checkpoints KEPT.jsonl]
              java -jar concord-verifier.jar verify-receipt RECEIPT.json --key KEY.pem [--key KEY.pem]...
              java -jar concord-verifier.jar --help

            verify          checks a log export (DIR/log.jsonl, a file, or GET /api/log/export of a running
                            Concord): every checkpoint's signature, every entry's leaf hash against the
                            recorded one, leaf indexes and positions in order, the tree's root at every
                            checkpoint, and each revealed hidden part against its commitment.
                            Without --key, --url takes the server's key (trust on first use) and says so.
            --key           the log's public key; give it once per key when the key was rotated
                            (--key old.pem --key new.pem): a checkpoint is accepted when one of them
                            signed it, and the summary says how many checkpoints each key signed.
            --checkpoints   checkpoints kept earlier (one JSON object a line, as the export or
                            GET /api/log/checkpoints gives them): the log must still agree with each.
            verify-receipt  checks a receipt (GET /api/log/receipt): entry, leaf hash, inclusion proof,
                            checkpoint signature and reveals.

            Exit status: 0 verified, 1 does not verify (the first problem is named), 2 usage or I/O error.
            """;

    private final PrintStream out;
    private final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Main(System.out, System.err).run(args));
    }

    /** A usage error: the message is shown with the usage, and the exit status is 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    int run(String[] args) {
        try {
            if (args.length == 0) {
                throw new UsageException("no command given");
            }
            if (List.of(args).contains("--help") || List.of(args).contains("-h") || args[0].equals("help")) {
                out.print(USAGE);
                return VERIFIED;
            }
            return switch (args[0]) {
                case "verify" -> verify(options(args, List.of("--key", "--log", "--url", "--checkpoints"), false));
                case "verify-receipt" -> verifyReceipt(options(args, List.of("--key"), true));
                default -> throw new UsageException("unknown command \"" + args[0] + "\"");
            };
        } catch (UsageException e) {
            err.println("concord-verifier: " + e.getMessage());
            err.print(USAGE);
            return ERROR;
        } catch (IOException e) {
            err.println("concord-verifier: " + e.getMessage());
            return ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("concord-verifier: interrupted");
            return ERROR;
        }
    }

    /** The one option that may be given more than once: the old and the new key of a rotation. */
    private static final String REPEATABLE = "--key";

    /** The options after the command, each with its values in order; a lone argument (the receipt file) is kept under "". */
    private static Map<String, List<String>> options(String[] args, List<String> known, boolean oneArgument) throws UsageException {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                if (!known.contains(arg)) {
                    throw new UsageException("unknown option " + arg + " for " + args[0]);
                }
                if (i + 1 == args.length) {
                    throw new UsageException(arg + " needs a value");
                }
                if (options.containsKey(arg) && !arg.equals(REPEATABLE)) {
                    throw new UsageException(arg + " is given twice");
                }
                options.computeIfAbsent(arg, a -> new ArrayList<>()).add(args[++i]);
            } else if (oneArgument && !options.containsKey("")) {
                options.put("", List.of(arg));
            } else {
                throw new UsageException("unexpected argument \"" + arg + "\"");
            }
        }
        return options;
    }

    /** The option's one value, or null when it is not given. */
    private static String one(Map<String, List<String>> options, String option) {
        List<String> values = options.get(option);
        return values == null ? null : values.get(0);
    }

    /** A public key and the file or address it was read from, to name it in the summary. */
    private record NamedKey(PublicKey key, String from) {
    }

    /** The keys given with --key, in order; the same key twice is a usage error, as it would count for one only. */
    private static List<NamedKey> keys(Map<String, List<String>> options) throws UsageException, IOException {
        List<NamedKey> keys = new ArrayList<>();
        for (String file : options.getOrDefault("--key", List.of())) {
            NamedKey key = new NamedKey(readKey(Path.of(file)), file);
            for (NamedKey other : keys) {
                if (Arrays.equals(other.key().getEncoded(), key.key().getEncoded())) {
                    throw new UsageException("--key " + other.from() + " and --key " + file + " are the same key");
                }
            }
            keys.add(key);
        }
        return keys;
    }

    private int verify(Map<String, List<String>> options) throws UsageException, IOException, InterruptedException {
        String log = one(options, "--log");
        String url = one(options, "--url");
        if ((log == null) == (url == null)) {
            throw new UsageException("verify needs either --log or --url");
        }
        if (log != null && !options.containsKey("--key")) {
            throw new UsageException("verify --log needs --key (the log's public key, as ./concord export-log writes it)");
        }
        List<Checkpoint> kept = options.containsKey("--checkpoints") ? kept(Path.of(one(options, "--checkpoints"))) : List.of();
        HttpClient http = url == null ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String base = url == null ? null : url.replaceAll("/+$", "");
        List<NamedKey> keys = keys(options);
        if (keys.isEmpty()) {
            String pem = new String(get(http, base + "/api/log/key").readAllBytes(), StandardCharsets.UTF_8);
            PublicKey key = parseKey(pem, base + "/api/log/key");
            keys = List.of(new NamedKey(key, base + "/api/log/key"));
            out.println("No --key given: trusting the key the server gives (trust on first use), fingerprint "
                    + fingerprint(key) + ". Compare it with one published elsewhere.");
        }
        LogVerifier verifier = new LogVerifier(keys.stream().map(NamedKey::key).toList(), kept);
        String source;
        if (log != null) {
            Path file = Path.of(log);
            if (Files.isDirectory(file)) {
                file = file.resolve("log.jsonl");
            }
            source = file.toString();
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                reader.lines().forEach(verifier::accept);
            } catch (java.io.UncheckedIOException e) {
                throw new IOException("cannot read " + file + ": " + e.getCause().getMessage(), e);
            } catch (IOException e) {
                throw new IOException("cannot read " + file + ": " + e, e);
            }
        } else {
            source = base + "/api/log/export";
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(get(http, source), StandardCharsets.UTF_8))) {
                reader.lines().forEach(verifier::accept);
            } catch (java.io.UncheckedIOException e) {
                throw new IOException("reading " + source + " failed: " + e.getCause().getMessage(), e);
            }
        }
        LogVerifier.Report report = verifier.finish();
        if (report.verified()) {
            for (int i = 0; i < keys.size(); i++) {
                LogVerifier.Signed signed = report.signedBy().get(i);
                String what = switch (signed.checkpoints()) {
                    case 0 -> "no checkpoint";
                    case 1 -> "1 checkpoint, tree size " + signed.firstTreeSize();
                    default -> signed.checkpoints() + " checkpoints, tree sizes " + signed.firstTreeSize()
                            + " to " + signed.lastTreeSize();
                };
                out.println("Key " + fingerprint(signed.key()) + " (" + keys.get(i).from() + ") signed " + what + ".");
            }
            out.println("Verified " + report.entries() + " entries (" + report.leaves() + " leaves), "
                    + report.checkpoints() + " checkpoints" + (report.reveals() > 0 ? ", " + report.reveals() + " revealed parts" : "")
                    + (kept.isEmpty() ? "" : ", " + kept.size() + " kept checkpoints") + " of " + source + ".");
            Checkpoint latest = report.latest();
            if (latest == null) {
                out.println("The log has no checkpoint yet: nothing in it is signed.");
            } else {
                out.println("Latest checkpoint: tree size " + latest.treeSize() + ", root " + latest.rootHash()
                        + ", signed at " + latest.timestamp() + ".");
                if (latest.treeSize() < report.leaves()) {
                    out.println((report.leaves() - latest.treeSize()) + " newer leaves are in order but not signed yet.");
                }
            }
            return VERIFIED;
        }
        List<LogVerifier.Problem> problems = report.problems();
        out.println("NOT VERIFIED: " + source);
        out.println("First problem: " + problems.get(0));
        for (LogVerifier.Problem p : problems.subList(1, Math.min(problems.size(), LISTED + 1))) {
            out.println("  then: " + p);
        }
        if (problems.size() > LISTED + 1) {
            out.println("  and " + (problems.size() - LISTED - 1) + " more problems.");
        }
        if (report.unsigned() > 0) {
            out.println(report.unsigned() + " of " + (report.checkpoints() + report.unsigned())
                    + " checkpoints are signed by no key given. If the log's key was rotated, give every key it had:"
                    + " --key old.pem --key new.pem.");
        }
        return FAILED;
    }

    private int verifyReceipt(Map<String, List<String>> options) throws UsageException, IOException {
        String file = one(options, "");
        if (file == null || !options.containsKey("--key")) {
            throw new UsageException("verify-receipt needs a receipt file and --key");
        }
        List<NamedKey> keys = keys(options);
        JsonNode receipt;
        try {
            receipt = ExportJson.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            out.println("NOT VERIFIED: " + file + " is " + e.getMessage());
            return FAILED;
        }
        List<String> problems = ReceiptVerifier.check(receipt, keys.stream().map(NamedKey::key).toList());
        if (problems.isEmpty()) {
            Checkpoint c = ExportJson.checkpoint(receipt.get("checkpoint"));
            NamedKey signer = keys.stream().filter(k -> c.verify(k.key())).findFirst().orElseThrow();
            out.println("Verified: position " + receipt.get("position") + " (leaf " + receipt.get("leafIndex")
                    + ") is in the log of tree size " + c.treeSize() + ", root " + c.rootHash()
                    + ", signed at " + c.timestamp() + " by key " + fingerprint(signer.key()) + " (" + signer.from() + ").");
            return VERIFIED;
        }
        out.println("NOT VERIFIED: " + file);
        out.println("First problem: " + problems.get(0));
        problems.subList(1, problems.size()).forEach(p -> out.println("  then: " + p));
        return FAILED;
    }

    private static List<Checkpoint> kept(Path file) throws IOException {
        List<Checkpoint> kept = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode json = ExportJson.parse(lines.get(i));
                if (json.has("checkpoints")) {
                    for (JsonNode c : json.get("checkpoints")) {
                        kept.add(ExportJson.checkpoint(c));
                    }
                } else {
                    kept.add(ExportJson.checkpoint(json));
                }
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return kept;
    }

    private static PublicKey readKey(Path file) throws IOException {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("cannot read the key " + file + ": " + e, e);
        }
        return parseKey(pem, file.toString());
    }

    private static PublicKey parseKey(String pem, String from) throws IOException {
        try {
            return Keys.readPublicPem(pem);
        } catch (IllegalArgumentException e) {
            throw new IOException(from + " holds no Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static InputStream get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + url, e);
        } catch (IOException e) {
            throw new IOException("GET " + url + " failed: " + e, e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("GET " + url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** SHA-256 of the key's SubjectPublicKeyInfo, the fingerprint a reader can compare with a published one. */
    static String fingerprint(PublicKey key) {
        try {
            return "SHA256:" + Hex.of(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
