package org.concord.verifier;

import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory append-only Merkle tree keeping every complete aligned subtree's hash, so that any
 * earlier tree head and any proof is answered without rehashing leaves. Used by the verifier to
 * rebuild a whole log, and by builders to know which nodes a new leaf completes. Not thread-safe.
 */
public final class MerkleTree implements Merkle.Subtrees {

    /** A complete aligned subtree: 2^level leaves from leaf index * 2^level. */
    public record Node(int level, long index, byte[] hash) {
    }

    // levels.get(l).get(i) is the hash of complete subtree i at level l; level 0 holds the leaves.
    private final List<List<byte[]>> levels = new ArrayList<>();
    private long size;

    public long size() {
        return size;
    }

    /** Appends a leaf hash; returns the complete subtrees this completed, level 0 (the leaf) first. */
    public List<Node> append(byte[] leafHash) {
        if (leafHash == null || leafHash.length != Merkle.HASH_SIZE) {
            throw new IllegalArgumentException("a leaf hash has " + Merkle.HASH_SIZE + " bytes");
        }
        List<Node> completed = new ArrayList<>();
        byte[] hash = leafHash.clone();
        long index = size;
        int level = 0;
        while (true) {
            if (levels.size() == level) {
                levels.add(new ArrayList<>());
            }
            levels.get(level).add(hash);
            completed.add(new Node(level, index, hash));
            if ((index & 1) == 0) {
                break;
            }
            hash = Merkle.nodeHash(levels.get(level).get((int) (index - 1)), hash);
            index >>= 1;
            level++;
        }
        size++;
        return completed;
    }

    @Override
    public byte[] hash(int level, long index) {
        if (level < 0 || level >= levels.size() || index < 0 || index >= levels.get(level).size()) {
            throw new IllegalArgumentException("no complete subtree at level " + level + ", index " + index
                    + " in a tree of size " + size);
        }
        return levels.get(level).get((int) index);
    }

    /** The tree head of all leaves appended so far. */
    public byte[] root() {
        return Merkle.root(this, size);
    }

    /** The tree head of the first size leaves. */
    public byte[] root(long size) {
        if (size > this.size) {
            throw new IllegalArgumentException("tree size " + size + " is beyond the " + this.size + " leaves appended");
        }
        return Merkle.root(this, size);
    }
}
