package org.concord.query.log;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.concord.eventstore.log.LogStorage;
import org.concord.verifier.Merkle;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Proofs and roots from the stored tree. A proof names some dozens of complete subtrees; they are found by running
 * the proof once on stand-in hashes (the subtrees a proof reads do not depend on their hashes), then read in one
 * {@code $in} per collection for those not in memory, then the proof is run on them. A subtree's hash never changes
 * once stored, so the most recently used ones are kept (the upper levels serve every proof).
 */
final class LogProofs {

    private static final byte[] STAND_IN = new byte[Merkle.HASH_SIZE];

    private final LogStorage storage;
    private final Cache<Long, byte[]> known;

    LogProofs(LogStorage storage, int cachedNodes) {
        this.storage = storage;
        this.known = Caffeine.newBuilder().maximumSize(cachedNodes).build();
    }

    List<byte[]> inclusion(long leafIndex, long treeSize) {
        return withSubtrees(tree -> Merkle.inclusionProof(tree, leafIndex, treeSize));
    }

    List<byte[]> consistency(long fromSize, long toSize) {
        return withSubtrees(tree -> Merkle.consistencyProof(tree, fromSize, toSize));
    }

    byte[] root(long treeSize) {
        return withSubtrees(tree -> Merkle.root(tree, treeSize));
    }

    private <T> T withSubtrees(Function<Merkle.Subtrees, T> computation) {
        Set<Long> wanted = new LinkedHashSet<>();
        computation.apply((level, index) -> {
            wanted.add(LogStorage.nodeKey(level, index));
            return STAND_IN;
        });
        Map<Long, byte[]> hashes = new HashMap<>(known.getAllPresent(wanted));
        wanted.removeAll(hashes.keySet());
        if (!wanted.isEmpty()) {
            Map<Long, byte[]> stored = storage.hashes(wanted);
            known.putAll(stored);
            hashes.putAll(stored);
        }
        return computation.apply((level, index) -> {
            byte[] hash = hashes.get(LogStorage.nodeKey(level, index));
            if (hash == null) {
                throw new IllegalStateException("The log's subtree " + level + "/" + index + " is not stored");
            }
            return hash;
        });
    }
}
