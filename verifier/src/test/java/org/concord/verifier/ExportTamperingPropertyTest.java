package org.concord.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated exports (random events, hidden parts and reveals, checkpoints signed with a fresh key): the
 * verifier accepts one untouched, and for each kind of tampering reports it first, naming the position:
 * a byte changed in an entry, an entry gone from the store, two entries swapped, an event slipped in
 * that the log never took, a forged checkpoint signature, an altered recorded leaf hash. A receipt
 * verifies, and no altered one does.
 */
class ExportTamperingPropertyTest {

    /** An export and where to tamper with it: target is a leaf index, seed drives every other choice. */
    record Case(ExportGenerator.Export export, int target, long seed) {
        int line(int leafIndex) {
            return export.checkpointLines().size() + leafIndex;
        }

        long position(int leafIndex) {
            return export.positions().get(leafIndex);
        }
    }

    @Provide
    Arbitrary<Case> exports() {
        return Combinators.combine(
                        Arbitraries.longs(),
                        Arbitraries.integers().between(2, 60),
                        Arbitraries.integers().between(1, 20),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE))
                .as((seed, events, every, signTheEnd, pick) -> new Case(
                        ExportGenerator.generate(seed, events, every, signTheEnd), pick % events, seed));
    }

    private static LogVerifier.Report verify(ExportGenerator.Export export, List<String> lines) {
        LogVerifier verifier = new LogVerifier(List.of(export.keys().getPublic()), List.of());
        lines.forEach(verifier::accept);
        return verifier.finish();
    }

    private static LogVerifier.Problem first(LogVerifier.Report report) {
        assertThat(report.verified()).as("tampering detected").isFalse();
        return report.problems().get(0);
    }

    @Property(tries = 100)
    void anUntouchedExportVerifies(@ForAll("exports") Case c) {
        LogVerifier.Report report = verify(c.export(), c.export().lines());
        assertThat(report.problems()).isEmpty();
        assertThat(report.leaves()).isEqualTo(c.export().positions().size());
        assertThat(report.checkpoints()).isEqualTo(c.export().checkpoints().size());
    }

    @Property(tries = 150)
    void oneByteChangedInAnEntryIsNamed(@ForAll("exports") Case c) {
        List<String> lines = new ArrayList<>(c.export().lines());
        int line = c.line(c.target());
        lines.set(line, withOneByteChangedInTheEntry(lines.get(line), new Random(c.seed())));
        LogVerifier.Problem problem = first(verify(c.export(), lines));
        assertThat(problem.position()).as(problem.toString()).isEqualTo(c.position(c.target()));
        assertThat(problem.message()).startsWith("changed");
    }

    /** Changes one letter or digit inside the "entry" object, keeping the line JSON. */
    private static String withOneByteChangedInTheEntry(String line, Random random) {
        int from = line.indexOf("\"entry\":{") + "\"entry\":".length();
        int to = line.indexOf(",\"leafHash\"");
        while (true) {
            int at = from + random.nextInt(to - from);
            char c = line.charAt(at);
            char changed;
            if (c >= '0' && c <= '9') {
                changed = (char) ('0' + (c - '0' + 1 + random.nextInt(9)) % 10);
            } else if (c >= 'a' && c <= 'z') {
                changed = (char) ('a' + (c - 'a' + 1 + random.nextInt(25)) % 26);
            } else {
                continue;
            }
            String tampered = line.substring(0, at) + changed + line.substring(at + 1);
            try {
                ExportJson.parse(tampered);
                return tampered;
            } catch (IllegalArgumentException notJsonAnyMore) {
                // a literal (true, null) or a number's form broken: try another byte
            }
        }
    }

    @Property(tries = 100)
    void anEntryGoneFromTheStoreIsNamed(@ForAll("exports") Case c) {
        List<String> lines = new ArrayList<>(c.export().lines());
        int line = c.line(c.target());
        ObjectNode json = (ObjectNode) ExportJson.parse(lines.get(line));
        json.putNull("entry");
        json.remove("revealed");
        lines.set(line, json.toString());
        LogVerifier.Problem problem = first(verify(c.export(), lines));
        assertThat(problem.position()).isEqualTo(c.position(c.target()));
        assertThat(problem.message()).startsWith("missing from the store");
    }

    @Property(tries = 100)
    void twoEntriesSwappedAreNamed(@ForAll("exports") Case c) {
        int other = (c.target() + 1 + new Random(c.seed()).nextInt(c.export().positions().size() - 1))
                % c.export().positions().size();
        List<String> lines = new ArrayList<>(c.export().lines());
        String a = lines.get(c.line(c.target()));
        lines.set(c.line(c.target()), lines.get(c.line(other)));
        lines.set(c.line(other), a);
        LogVerifier.Problem problem = first(verify(c.export(), lines));
        assertThat(problem.position()).isIn(c.position(c.target()), c.position(other));
        assertThat(problem.message()).startsWith("out of order");
    }

    @Property(tries = 100)
    void anEventTheLogNeverTookIsNamed(@ForAll("exports") Case c) {
        List<Long> positions = c.export().positions();
        // a free position: a gap before the target, or else one past it when that is free, or after the last
        int before = c.target();
        long free = positions.get(before) + 1;
        if (before + 1 < positions.size() && positions.get(before + 1) == free) {
            before = positions.size() - 1;
            free = positions.get(before) + 1;
        }
        ObjectNode copy = (ObjectNode) ExportJson.parse(c.export().entryLines().get(c.target()));
        ((ObjectNode) copy.get("entry")).put("position", free);
        copy.putNull("leafIndex");
        copy.put("position", free);
        copy.putNull("leafHash");
        copy.remove("revealed");
        List<String> lines = new ArrayList<>(c.export().lines());
        lines.add(c.line(before) + 1, copy.toString());
        LogVerifier.Problem problem = first(verify(c.export(), lines));
        assertThat(problem.position()).isEqualTo(free);
        assertThat(problem.message()).startsWith("not in the log");
    }

    @Property(tries = 100)
    void aForgedCheckpointSignatureIsNamed(@ForAll("exports") Case c) {
        List<Checkpoint> signed = c.export().checkpoints();
        if (signed.isEmpty()) {
            return;
        }
        Checkpoint real = signed.get(c.target() % signed.size());
        Checkpoint forged = Checkpoint.sign(real.treeSize(), real.rootHash(), real.timestamp(), ExportGenerator.ed25519().getPrivate());
        ObjectNode line = ExportGenerator.checkpointJson(forged);
        line.put("kind", "checkpoint");
        List<String> lines = new ArrayList<>(c.export().lines());
        lines.set(signed.indexOf(real), line.toString());
        LogVerifier.Problem problem = first(verify(c.export(), lines));
        assertThat(problem.message()).startsWith("checkpoint of tree size " + real.treeSize())
                .contains("checkpoint signature");
    }

    @Property(tries = 100)
    void anAlteredRecordedLeafHashIsNamed(@ForAll("exports") Case c) {
        List<String> lines = new ArrayList<>(c.export().lines());
        int line = c.line(c.target());
        ObjectNode json = (ObjectNode) ExportJson.parse(lines.get(line));
        byte[] other = new byte[Merkle.HASH_SIZE];
        new Random(c.seed()).nextBytes(other);
        json.put("leafHash", Hex.of(other));
        lines.set(line, json.toString());
        LogVerifier.Problem problem = first(verify(c.export(), lines));
        assertThat(problem.position()).isEqualTo(c.position(c.target()));
        boolean signed = c.export().checkpoints().stream().anyMatch(k -> k.treeSize() > c.target());
        assertThat(problem.message()).startsWith(signed ? "changed: the recorded leaf hash was altered" : "changed");
    }

    @Property(tries = 100)
    void aReceiptVerifiesAndNoAlteredOneDoes(@ForAll("exports") Case c) {
        List<Checkpoint> signed = c.export().checkpoints();
        if (signed.isEmpty()) {
            return;
        }
        int leaf = (int) (c.target() % signed.get(signed.size() - 1).treeSize());
        var key = List.of(c.export().keys().getPublic());
        assertThat(ReceiptVerifier.check(c.export().receipt(leaf), key)).isEmpty();

        ObjectNode changedEntry = c.export().receipt(leaf);
        ((ObjectNode) changedEntry.get("entry")).put("sequence", -1);
        assertThat(ReceiptVerifier.check(changedEntry, key)).as("entry").isNotEmpty();

        ObjectNode otherLeaf = c.export().receipt(leaf);
        otherLeaf.put("leafIndex", leaf + 1);
        assertThat(ReceiptVerifier.check(otherLeaf, key)).as("leaf index").isNotEmpty();

        ObjectNode otherRoot = c.export().receipt(leaf);
        ((ObjectNode) otherRoot.get("checkpoint")).put("rootHash", Hex.of(new byte[Merkle.HASH_SIZE]));
        assertThat(ReceiptVerifier.check(otherRoot, key)).as("root").isNotEmpty();

        ObjectNode pathChanged = c.export().receipt(leaf);
        JsonNode path = pathChanged.get("inclusion").get("auditPath");
        if (!path.isEmpty()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) path).set(0, Hex.of(new byte[Merkle.HASH_SIZE]));
            assertThat(ReceiptVerifier.check(pathChanged, key)).as("audit path").isNotEmpty();
        }
    }
}
