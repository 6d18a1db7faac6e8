package org.concord.verifier;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Checks a log export (GET /api/log/export, one JSON line at a time) against the log's public keys
 * (more than one when the key was rotated): each checkpoint signed by one of them; each entry's leaf
 * hash against the recorded one; leaf indexes contiguous from 0 and positions increasing; the reveals;
 * the tree rebuilt from the recorded leaves against every checkpoint's root and the checkpoints'
 * consistency; and checkpoints kept earlier against the log.
 *
 * <p>Only leaf hashes are held (two trees of them: the leaves as recorded, and as the entries now
 * hash), so an export of any length streams through. The second tree tells, when an entry and its
 * recorded hash differ, which of the two a checkpoint vouches for.
 */
public final class LogVerifier {

    /** What does not verify; position is the event's global position, or -1 when the problem is no one event's. */
    public record Problem(long position, String message) {
        @Override
        public String toString() {
            return position < 0 ? message : "position " + position + ": " + message;
        }
    }

    /**
     * @param checkpoints the checkpoints one of the keys signed
     * @param unsigned the checkpoints no key signed (each also a problem)
     * @param latest the checkpoint of the largest tree, or null when the export has none
     * @param signedBy for each key, in the order given, the checkpoints it signed
     * @param problems in position order (problems of no one position first); empty when the log verifies
     */
    public record Report(long entries, long leaves, int checkpoints, int unsigned, Checkpoint latest, long reveals,
                         List<Signed> signedBy, List<Problem> problems) {
        public boolean verified() {
            return problems.isEmpty();
        }
    }

    /**
     * How many of the export's checkpoints a key signed, so a reader sees where a rotation happened.
     *
     * @param firstTreeSize the tree size of the first checkpoint it signed, -1 when it signed none (likewise lastTreeSize)
     */
    public record Signed(PublicKey key, int checkpoints, long firstTreeSize, long lastTreeSize) {
    }

    /**
     * A problem and where it sorts: at the position it names or, when it names none, where it was found;
     * at one position, what the entry is (rank 0) before its reveals (1) before the roots it spoils (2).
     */
    private record Found(long order, int rank, Problem problem) {
    }

    /** A line read and its entry hashed, ahead of the checks that need the lines before it; error when unreadable. */
    private record Parsed(long line, JsonNode json, byte[] entryHash, List<String> revealProblems, int reveals, String error) {
    }

    /** An entry whose recomputed hash differs from the recorded one, judged once the checkpoints are known. */
    private record Mismatch(long leafIndex, long position) {
    }

    /** Lines read and hashed in parallel at a time: what costs is parsing and canonicalizing, not the tree. */
    private static final int BATCH = 1024;

    private final List<PublicKey> keys;
    private final int[] signedCount;
    private final long[] firstSigned;
    private final long[] lastSigned;
    /** The key that signed the last checkpoint, tried first: after a rotation every later one is the new key's. */
    private int lastSigner;
    private final List<Checkpoint> kept;
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final MerkleTree logged = new MerkleTree();
    private final MerkleTree stored = new MerkleTree();
    private final List<Mismatch> mismatches = new ArrayList<>();
    private final List<Found> problems = new ArrayList<>();
    private final List<String> batch = new ArrayList<>(BATCH);
    private long[] positionOfLeaf = new long[1024];
    private long line;
    private int unsigned;
    private long entries;
    private long reveals;
    private long lastPosition;

    /**
     * @param keys the log's public keys: a checkpoint is accepted when one of them signed it (the old and the
     *             new key when an export spans a rotation)
     * @param kept checkpoints a delegation kept earlier, which the log must agree with (may be empty)
     */
    public LogVerifier(List<PublicKey> keys, List<Checkpoint> kept) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        this.keys = List.copyOf(keys);
        this.signedCount = new int[keys.size()];
        this.firstSigned = new long[keys.size()];
        this.lastSigned = new long[keys.size()];
        Arrays.fill(firstSigned, -1);
        Arrays.fill(lastSigned, -1);
        this.kept = List.copyOf(kept);
    }

    /** Takes the export's next line; blank lines are skipped. */
    public void accept(String text) {
        batch.add(text);
        if (batch.size() == BATCH) {
            drain();
        }
    }

    private void drain() {
        long first = line + 1;
        List<Parsed> parsed = java.util.stream.IntStream.range(0, batch.size()).parallel()
                .mapToObj(i -> parse(first + i, batch.get(i))).toList();
        batch.clear();
        for (Parsed p : parsed) {
            line = p.line();
            take(p);
        }
    }

    private static Parsed parse(long line, String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            JsonNode json = ExportJson.parse(text);
            JsonNode entry = json.get("entry");
            if (!"entry".equals(json.path("kind").asText()) || entry == null || !entry.isObject()) {
                return new Parsed(line, json, null, List.of(), 0, null);
            }
            List<Commitments.Reveal> shown = ExportJson.reveals(json.get("revealed"));
            return new Parsed(line, json, ExportJson.leafHashOf(entry), Commitments.check(entry, shown), shown.size(), null);
        } catch (IllegalArgumentException e) {
            return new Parsed(line, null, null, List.of(), 0, e.getMessage());
        }
    }

    private void take(Parsed parsed) {
        if (parsed == null) {
            return;
        }
        try {
            if (parsed.error() != null) {
                throw new IllegalArgumentException(parsed.error());
            }
            JsonNode json = parsed.json();
            String kind = json.path("kind").asText("");
            switch (kind) {
                case "checkpoint" -> checkpoint(json);
                case "entry" -> entry(json, parsed);
                default -> unplaced("line " + line + " is neither a checkpoint nor an entry");
            }
        } catch (IllegalArgumentException e) {
            unplaced("line " + line + ": " + e.getMessage());
        }
    }

    private void checkpoint(JsonNode json) {
        Checkpoint checkpoint = ExportJson.checkpoint(json);
        int signer = signer(checkpoint);
        if (signer >= 0) {
            checkpoints.add(checkpoint);
            lastSigner = signer;
            signedCount[signer]++;
            if (firstSigned[signer] < 0 || checkpoint.treeSize() < firstSigned[signer]) {
                firstSigned[signer] = checkpoint.treeSize();
            }
            lastSigned[signer] = Math.max(lastSigned[signer], checkpoint.treeSize());
        } else {
            unsigned++;
            unplacedFirst(describe(checkpoint) + ": checkpoint signature: " + signedByNone());
        }
    }

    /** The index of the key that signed the checkpoint, or -1 when none did. */
    private int signer(Checkpoint checkpoint) {
        if (checkpoint.verify(keys.get(lastSigner))) {
            return lastSigner;
        }
        for (int i = 0; i < keys.size(); i++) {
            if (i != lastSigner && checkpoint.verify(keys.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private String signedByNone() {
        return keys.size() == 1 ? "it is not the log key's signature" : "none of the " + keys.size() + " keys given signed it";
    }

    private void entry(JsonNode json, Parsed parsed) {
        entries++;
        Long position = ExportJson.wholeOrNull(json, "position", "an entry line");
        if (position == null) {
            throw new IllegalArgumentException("an entry line has no position");
        }
        long p = position;
        if (p <= lastPosition) {
            at(p, "out of order: it comes after position " + lastPosition);
        } else {
            lastPosition = p;
        }
        Long leafIndex = ExportJson.wholeOrNull(json, "leafIndex", "an entry line");
        JsonNode entry = json.get("entry");
        boolean present = entry != null && !entry.isNull();
        if (present && !entry.isObject()) {
            throw new IllegalArgumentException("the entry is not a JSON object");
        }
        if (present && entry.path("position").asLong(-1) != p) {
            at(p, "changed: the entry says position " + entry.path("position"));
        }
        if (leafIndex == null) {
            at(p, "not in the log: the store holds an event here that the log never took in");
            return;
        }
        if (leafIndex != logged.size()) {
            at(p, "out of order: leaf index " + leafIndex + " where " + logged.size() + " comes next");
        }
        byte[] recorded = json.hasNonNull("leafHash") ? ExportJson.hash(json, "leafHash", "an entry line") : null;
        byte[] now = parsed.entryHash();
        if (recorded == null && now == null) {
            throw new IllegalArgumentException("a logged entry with neither an entry nor a recorded leaf hash");
        }
        if (recorded == null) {
            at(p, "the log has no leaf hash recorded for leaf " + leafIndex);
        } else if (now == null) {
            at(p, "missing from the store: the event of leaf " + leafIndex + " is gone");
        } else if (!Arrays.equals(recorded, now)) {
            mismatches.add(new Mismatch(logged.size(), p));
        }
        remember(logged.size(), p);
        logged.append(recorded != null ? recorded : now);
        stored.append(now != null ? now : recorded);
        reveals += parsed.reveals();
        for (String problem : parsed.revealProblems()) {
            problems.add(new Found(p, 1, new Problem(p, problem)));
        }
    }

    private void at(long position, String message) {
        problems.add(new Found(position, 0, new Problem(position, message)));
    }

    /** A problem of no one position, found after the last position read (a line that cannot be read). */
    private void unplaced(String message) {
        problems.add(new Found(lastPosition, 0, new Problem(-1, message + " (after position " + lastPosition + ")")));
    }

    /** A problem of the whole log (a signature), listed before any position's. */
    private void unplacedFirst(String message) {
        problems.add(new Found(-1, 0, new Problem(-1, message)));
    }

    /** A problem of the tree of the first treeSize leaves (a root), sorted after every position it covers. */
    private void atEndOf(long treeSize, String message) {
        problems.add(new Found(lastPositionOf(treeSize), 2, new Problem(-1, message)));
    }

    /** Where a problem of the tree of the first treeSize leaves sorts: at its last leaf's position. */
    private long lastPositionOf(long treeSize) {
        return treeSize == 0 ? -1 : positionOfLeaf[(int) treeSize - 1];
    }

    private void remember(long leafIndex, long position) {
        if (leafIndex == positionOfLeaf.length) {
            positionOfLeaf = Arrays.copyOf(positionOfLeaf, positionOfLeaf.length * 2);
        }
        positionOfLeaf[(int) leafIndex] = position;
    }

    /** Checks the checkpoints against the rebuilt tree; returns the report. */
    public Report finish() {
        drain();
        TreeMap<Long, Checkpoint> bySize = new TreeMap<>();
        for (Checkpoint c : checkpoints) {
            Checkpoint same = bySize.putIfAbsent(c.treeSize(), c);
            if (same != null && !same.rootHash().equalsIgnoreCase(c.rootHash())) {
                unplacedFirst("root mismatch: two signed checkpoints of tree size " + c.treeSize()
                        + " with different roots (" + same.rootHash() + ", " + c.rootHash() + "): the log forked");
            }
        }
        checkRoots(bySize);
        judgeMismatches(bySize);
        checkKept(bySize);
        List<Problem> ordered = problems.stream()
                .sorted(Comparator.comparingLong(Found::order).thenComparingInt(Found::rank)).map(Found::problem).toList();
        Checkpoint latest = bySize.isEmpty() ? null : bySize.lastEntry().getValue();
        List<Signed> signedBy = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            signedBy.add(new Signed(keys.get(i), signedCount[i], firstSigned[i], lastSigned[i]));
        }
        return new Report(entries, logged.size(), checkpoints.size(), unsigned, latest, reveals, List.copyOf(signedBy), ordered);
    }

    private void checkRoots(TreeMap<Long, Checkpoint> bySize) {
        Checkpoint previous = null;
        for (Checkpoint c : bySize.values()) {
            if (c.treeSize() > logged.size()) {
                atEndOf(logged.size(), describe(c) + ": root mismatch: it covers " + c.treeSize()
                        + " leaves but the log has " + logged.size() + ": leaves were removed from the log");
                continue;
            }
            if (!Arrays.equals(logged.root(c.treeSize()), hashOrEmpty(c.rootHash()))) {
                long from = previous == null ? 0 : previous.treeSize();
                atEndOf(c.treeSize(), describe(c)
                        + ": root mismatch: the recorded leaves do not hash to the signed root; what was signed differs"
                        + " at or after position " + positionOfLeaf[(int) from] + " (leaf " + from + ")");
                continue;
            }
            if (previous != null) {
                List<byte[]> proof = Merkle.consistencyProof(logged, previous.treeSize(), c.treeSize());
                if (!Merkle.verifyConsistency(previous.treeSize(), c.treeSize(), hashOrEmpty(previous.rootHash()),
                        hashOrEmpty(c.rootHash()), proof)) {
                    atEndOf(c.treeSize(), describe(c)
                            + ": root mismatch: not consistent with the checkpoint of tree size " + previous.treeSize());
                }
            }
            previous = c;
        }
    }

    private void judgeMismatches(TreeMap<Long, Checkpoint> bySize) {
        for (Mismatch m : mismatches) {
            var covering = bySize.higherEntry(m.leafIndex());
            String why;
            if (covering == null) {
                why = "changed: the entry no longer hashes to the leaf hash the log recorded (no checkpoint covers it yet)";
            } else {
                Checkpoint c = covering.getValue();
                byte[] signed = hashOrEmpty(c.rootHash());
                if (c.treeSize() <= logged.size() && Arrays.equals(stored.root(c.treeSize()), signed)) {
                    why = "changed: the recorded leaf hash was altered; the entry is the one " + describe(c) + " signed";
                } else if (c.treeSize() <= logged.size() && Arrays.equals(logged.root(c.treeSize()), signed)) {
                    why = "changed: the entry was altered after it was logged; " + describe(c) + " signed another";
                } else {
                    why = "changed: the entry no longer hashes to the leaf hash the log recorded";
                }
            }
            at(m.position(), why);
        }
    }

    private void checkKept(TreeMap<Long, Checkpoint> bySize) {
        for (Checkpoint k : kept) {
            String kept = "the kept " + describe(k);
            if (keys.stream().noneMatch(k::verify)) {
                unplacedFirst(kept + ": checkpoint signature: " + signedByNone());
            } else if (k.treeSize() > logged.size()) {
                atEndOf(logged.size(), kept + ": root mismatch: the log has only " + logged.size()
                        + " leaves now: leaves were removed from the log");
            } else if (!Arrays.equals(logged.root(k.treeSize()), hashOrEmpty(k.rootHash()))) {
                Checkpoint same = bySize.get(k.treeSize());
                atEndOf(k.treeSize(), kept
                        + ": root mismatch: the log's tree of that size has root " + Hex.of(logged.root(k.treeSize()))
                        + (same != null ? " and its own checkpoint of that size says " + same.rootHash() : "")
                        + ": the log was rewritten since it was kept");
            } else {
                List<byte[]> proof = Merkle.consistencyProof(logged, k.treeSize(), logged.size());
                if (!Merkle.verifyConsistency(k.treeSize(), logged.size(), hashOrEmpty(k.rootHash()), logged.root(), proof)) {
                    unplacedFirst(kept + ": root mismatch: the log today is not an extension of it");
                }
            }
        }
    }

    private static byte[] hashOrEmpty(String hex) {
        try {
            return Hex.parse(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static String describe(Checkpoint c) {
        return "checkpoint of tree size " + c.treeSize() + " (" + c.timestamp() + ")";
    }
}
