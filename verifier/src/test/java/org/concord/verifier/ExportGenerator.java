package org.concord.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Makes a log export as GET /api/log/export gives it, for tests: random events at increasing positions
 * with gaps (tombstones), some with hidden parts (a participant event's whole payload, a Chatham House
 * comment's author) and some of those revealed, and checkpoints signed with a fresh Ed25519 key.
 * Built independently of the verifier's reading: each line is written from the entry it hashes.
 */
final class ExportGenerator {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] WORDS = {"guideline", "provision", "amendement", "délégation", "consensus",
            "\"quoted\"", "tab\tin", "naïve", "ünïcødé", "€", "line\nbreak", "back\\slash"};

    /** The export: checkpoint lines first, then one entry line per event (line checkpoints + i holds leaf i). */
    record Export(KeyPair keys, List<String> checkpointLines, List<String> entryLines, List<Long> positions,
                  List<ObjectNode> entries, MerkleTree tree, List<Checkpoint> checkpoints) {

        List<String> lines() {
            List<String> all = new ArrayList<>(checkpointLines);
            all.addAll(entryLines);
            return all;
        }

        String publicPem() {
            return Keys.publicPem(keys.getPublic());
        }

        /**
         * The export as it is when the log's key was replaced by newKeys before checkpoint number from (0 for
         * the first): that checkpoint and every later one signed by newKeys, the earlier ones keeping their
         * signatures. newKeys are the returned export's keys.
         */
        Export rotated(int from, KeyPair newKeys) {
            List<Checkpoint> signed = new ArrayList<>(checkpoints.subList(0, from));
            for (Checkpoint c : checkpoints.subList(from, checkpoints.size())) {
                signed.add(Checkpoint.sign(c.treeSize(), c.rootHash(), c.timestamp(), newKeys.getPrivate()));
            }
            return new Export(newKeys, linesOf(signed), entryLines, positions, entries, tree, signed);
        }

        /** The receipt GET /api/log/receipt would give for a leaf: the first checkpoint covering it. */
        ObjectNode receipt(int leafIndex) {
            Checkpoint covering = checkpoints.stream().filter(c -> c.treeSize() > leafIndex).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no checkpoint covers leaf " + leafIndex));
            ObjectNode line = (ObjectNode) ExportJson.parse(entryLines.get(leafIndex));
            ObjectNode receipt = JSON.createObjectNode();
            receipt.put("leafIndex", leafIndex);
            receipt.put("position", positions.get(leafIndex));
            receipt.set("entry", line.get("entry"));
            receipt.put("leafHash", line.get("leafHash").asText());
            if (line.has("revealed")) {
                receipt.set("revealed", line.get("revealed"));
            }
            ObjectNode inclusion = receipt.putObject("inclusion");
            inclusion.put("treeSize", covering.treeSize());
            ArrayNode path = inclusion.putArray("auditPath");
            Merkle.inclusionProof(tree, leafIndex, covering.treeSize()).forEach(h -> path.add(Hex.of(h)));
            receipt.set("checkpoint", checkpointJson(covering));
            return receipt;
        }
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode checkpointJson(Checkpoint c) {
        ObjectNode json = JSON.createObjectNode();
        json.put("treeSize", c.treeSize());
        json.put("rootHash", c.rootHash());
        json.put("timestamp", c.timestamp());
        json.put("signature", c.signature());
        return json;
    }

    /**
     * @param events how many events (leaves)
     * @param checkpointEvery a checkpoint after every so many leaves
     * @param signTheEnd whether the last leaves get a checkpoint too, or stay unsigned as between two checkpoints
     */
    static Export generate(long seed, int events, int checkpointEvery, boolean signTheEnd) {
        Random random = new Random(seed);
        KeyPair keys = ed25519();
        MerkleTree tree = new MerkleTree();
        List<String> entryLines = new ArrayList<>();
        List<Long> positions = new ArrayList<>();
        List<ObjectNode> entries = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>();
        Instant time = Instant.parse("2026-12-01T08:00:00.000Z");
        long position = 0;
        for (int i = 0; i < events; i++) {
            position += 1 + (random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 0);
            time = time.plusMillis(1 + random.nextInt(5000));
            ObjectNode entry = JSON.createObjectNode();
            ArrayNode revealed = JSON.createArrayNode();
            fill(entry, revealed, random, position, i, time);
            byte[] leaf = Merkle.leafHash(CanonicalJson.canonicalize(entry.toString()));
            tree.append(leaf);
            ObjectNode line = JSON.createObjectNode();
            line.put("kind", "entry");
            line.put("leafIndex", i);
            line.put("position", position);
            line.set("entry", entry);
            line.put("leafHash", Hex.of(leaf));
            if (!revealed.isEmpty()) {
                line.set("revealed", revealed);
            }
            entryLines.add(line.toString());
            positions.add(position);
            entries.add(entry);
            if ((i + 1) % checkpointEvery == 0 || (signTheEnd && i + 1 == events)) {
                checkpoints.add(Checkpoint.sign(i + 1, Hex.of(tree.root()), time.plusMillis(300).toString(), keys.getPrivate()));
            }
        }
        return new Export(keys, linesOf(checkpoints), entryLines, positions, entries, tree, checkpoints);
    }

    private static List<String> linesOf(List<Checkpoint> checkpoints) {
        List<String> lines = new ArrayList<>();
        for (Checkpoint c : checkpoints) {
            ObjectNode json = JSON.createObjectNode();
            json.put("kind", "checkpoint");
            json.setAll(checkpointJson(c));
            lines.add(json.toString());
        }
        return lines;
    }

    private static void fill(ObjectNode entry, ArrayNode revealed, Random random, long position, int i, Instant time) {
        int kind = random.nextInt(4);
        String consultation = "c-" + random.nextInt(20);
        ObjectNode payload = JSON.createObjectNode();
        payload.put("consultationId", consultation);
        payload.put("text", sentence(random));
        payload.put("weight", random.nextInt(1000) / 8.0);
        String type = switch (kind) {
            case 0 -> "org.concord.messages.participant.ParticipantRegisteredEvent";
            case 1 -> "org.concord.messages.comment.CommentPostedEvent";
            default -> "org.concord.messages.consultation.ProvisionAmendedEvent";
        };
        if (kind == 1) {
            ObjectNode author = payload.putObject("author");
            author.put("id", "u-" + random.nextInt(500));
            author.put("name", sentence(random));
        }
        entry.put("v", 1);
        entry.put("position", position);
        entry.put("eventId", new UUID(random.nextLong(), random.nextLong()).toString());
        entry.put("type", type);
        entry.putNull("revision");
        entry.put("aggregate", consultation);
        entry.put("aggregateType", "Consultation");
        entry.put("sequence", i);
        entry.put("timestamp", time.toString());
        entry.set("payload", payload);
        if (kind == 0) {
            hide(entry, "/payload", revealed, random);
        } else if (kind == 1 && random.nextBoolean()) {
            hide(entry, "/payload/author", revealed, random);
        }
    }

    /** Puts the commitment placeholder at path and, half of the time, the reveal an entitled caller gets. */
    private static void hide(ObjectNode entry, String path, ArrayNode revealed, Random random) {
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        JsonNode value = entry.at(path);
        ObjectNode placeholder = JSON.createObjectNode();
        placeholder.put(Commitments.FIELD, Commitments.commit(salt, value.toString().getBytes(StandardCharsets.UTF_8)));
        // at("") is the entry itself
        ((ObjectNode) entry.at(path.substring(0, path.lastIndexOf('/')))).set(path.substring(path.lastIndexOf('/') + 1), placeholder);
        if (random.nextBoolean()) {
            ObjectNode reveal = revealed.addObject();
            reveal.put("path", path);
            reveal.put("salt", Hex.of(salt));
            reveal.set("value", value);
        }
    }

    private static String sentence(Random random) {
        StringBuilder text = new StringBuilder();
        for (int w = 0, n = 1 + random.nextInt(8); w < n; w++) {
            text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
