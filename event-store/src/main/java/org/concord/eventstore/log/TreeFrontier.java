package org.concord.eventstore.log;

import org.concord.verifier.Merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of the log's Merkle tree: the hash of each complete aligned subtree that the tree's size
 * splits into (one per bit set in the size, largest first). That is all an append needs, so the builder keeps
 * a few dozen hashes in memory instead of the whole tree; the other hashes are in the log's tiles.
 */
final class TreeFrontier {

    private final List<byte[]> edge;
    private long size;

    private TreeFrontier(List<byte[]> edge, long size) {
        this.edge = edge;
        this.size = size;
    }

    static TreeFrontier empty() {
        return new TreeFrontier(new ArrayList<>(), 0);
    }

    /** The frontier of a stored tree of {@code size} leaves: one stored hash per bit set in the size. */
    static TreeFrontier of(long size, Merkle.Subtrees stored) {
        List<byte[]> edge = new ArrayList<>();
        long start = 0;
        for (int level = 62; level >= 0; level--) {
            if ((size & (1L << level)) != 0) {
                edge.add(stored.hash(level, start >> level));
                start += 1L << level;
            }
        }
        return new TreeFrontier(edge, size);
    }

    TreeFrontier copy() {
        return new TreeFrontier(new ArrayList<>(edge), size);
    }

    long size() {
        return size;
    }

    /** Appends a leaf hash; returns the complete subtrees it completed, the leaf (level 0) first. */
    List<Subtree> append(byte[] leafHash) {
        List<Subtree> completed = new ArrayList<>();
        long leafIndex = size;
        byte[] hash = leafHash;
        completed.add(new Subtree(0, leafIndex, hash));
        long remaining = size;
        int level = 0;
        while ((remaining & 1) == 1) {
            hash = Merkle.nodeHash(edge.remove(edge.size() - 1), hash);
            remaining >>= 1;
            level++;
            completed.add(new Subtree(level, leafIndex >> level, hash));
        }
        edge.add(hash);
        size++;
        return completed;
    }

    /** The tree head: the edge folded from its smallest subtree, as RFC 9162's split at the largest power of two. */
    byte[] root() {
        if (edge.isEmpty()) {
            return Merkle.emptyRoot();
        }
        byte[] root = edge.get(edge.size() - 1);
        for (int i = edge.size() - 2; i >= 0; i--) {
            root = Merkle.nodeHash(edge.get(i), root);
        }
        return root;
    }

    /** A complete aligned subtree of 2^level leaves from leaf {@code index * 2^level}. */
    record Subtree(int level, long index, byte[] hash) {
    }
}
