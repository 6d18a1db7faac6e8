package org.concord.query.log;

import org.concord.eventstore.log.LogStorage;
import org.concord.verifier.Merkle;

import java.util.List;

/**
 * Proofs and roots from the stored tree's tiles: a proof reads at most one tile per level of tiles (three for a
 * million leaves) in one {@code $in}, and none that {@link LogStorage} keeps in memory.
 */
final class LogProofs {

    private final LogStorage storage;

    LogProofs(LogStorage storage) {
        this.storage = storage;
    }

    List<byte[]> inclusion(long leafIndex, long treeSize) {
        return storage.withTree(tree -> Merkle.inclusionProof(tree, leafIndex, treeSize));
    }

    List<byte[]> consistency(long fromSize, long toSize) {
        return storage.withTree(tree -> Merkle.consistencyProof(tree, fromSize, toSize));
    }

    byte[] root(long treeSize) {
        return storage.withTree(tree -> Merkle.root(tree, treeSize));
    }
}
