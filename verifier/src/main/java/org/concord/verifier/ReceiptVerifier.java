package org.concord.verifier;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a receipt (GET /api/log/receipt): its entry hashes to its leaf hash, the audit path leads from
 * that leaf to the root of its checkpoint, the checkpoint is signed by one of the log's keys, and any reveal
 * matches its commitment. A receipt so checked proves the event was in the log at that checkpoint.
 */
public final class ReceiptVerifier {

    private ReceiptVerifier() {
    }

    /**
     * The problems with the receipt; empty when it verifies.
     *
     * @param keys the log's public keys (the old and the new one after a rotation): one of them must have signed
     *             the receipt's checkpoint
     */
    public static List<String> check(JsonNode receipt, List<PublicKey> keys) {
        List<String> problems = new ArrayList<>();
        try {
            Long leafIndex = ExportJson.wholeOrNull(receipt, "leafIndex", "the receipt");
            Long position = ExportJson.wholeOrNull(receipt, "position", "the receipt");
            JsonNode entry = receipt.get("entry");
            if (leafIndex == null || position == null || entry == null || !entry.isObject()) {
                problems.add("the receipt needs a leafIndex, a position and an entry object");
                return problems;
            }
            JsonNode inclusion = receipt.path("inclusion");
            Long treeSize = ExportJson.wholeOrNull(inclusion, "treeSize", "the receipt's inclusion");
            List<byte[]> path = new ArrayList<>();
            for (JsonNode hex : inclusion.path("auditPath")) {
                path.add(Hex.parse(hex.asText()));
            }
            Checkpoint checkpoint = ExportJson.checkpoint(receipt.path("checkpoint"));

            if (keys.stream().noneMatch(checkpoint::verify)) {
                problems.add("checkpoint signature: the receipt's checkpoint is not signed by "
                        + (keys.size() == 1 ? "the log key" : "any of the " + keys.size() + " keys given"));
            }
            if (treeSize == null || treeSize != checkpoint.treeSize()) {
                problems.add("the inclusion proof is for tree size " + treeSize + ", the checkpoint for " + checkpoint.treeSize());
            }
            if (entry.path("position").asLong(-1) != position) {
                problems.add("changed: the entry says position " + entry.path("position") + ", the receipt " + position);
            }
            byte[] leafHash = ExportJson.leafHashOf(entry);
            if (receipt.hasNonNull("leafHash") && !Arrays.equals(leafHash, ExportJson.hash(receipt, "leafHash", "the receipt"))) {
                problems.add("changed: the entry does not hash to the receipt's leaf hash");
            }
            if (!Merkle.verifyInclusion(leafHash, leafIndex, checkpoint.treeSize(), path, Hex.parse(checkpoint.rootHash()))) {
                problems.add("the inclusion proof does not lead from the entry at leaf " + leafIndex
                        + " to the checkpoint's root " + checkpoint.rootHash());
            }
            problems.addAll(Commitments.check(entry, ExportJson.reveals(receipt.get("revealed"))));
        } catch (IllegalArgumentException e) {
            problems.add("the receipt cannot be read: " + e.getMessage());
        }
        return problems;
    }
}
