package org.concord.eventstore.log;

import org.concord.verifier.Merkle;

import java.util.Arrays;

/**
 * One tile of the log's tree (C2SP tlog-tiles): {@code width} consecutive hashes of tree level {@code level * height},
 * from hash {@code index * 2^height}; at level 0 the leaf hashes, with the position of each leaf's event beside it.
 * A tile only ever grows (a partial one is rewritten wider as the tree grows), so any copy of it, however narrow, holds
 * the same hashes as the newest for the entries it has.
 */
public final class Tile {

    private final int level;
    private final long index;
    private final byte[] hashes;
    private final long[] positions;
    /**
     * The inner nodes, made when first asked for, in one array as a cached tile is kept long: those of height 1, then
     * 2, and so on, {@code width >> r} of height {@code r}; node {@code j} of height {@code r} is the hash of entries
     * {@code j * 2^r .. (j + 1) * 2^r - 1}. Some 8 KB for a complete tile, beside its 8 KB of hashes.
     */
    private volatile byte[] inner;

    Tile(int level, long index, byte[] hashes, long[] positions) {
        if (hashes.length % Merkle.HASH_SIZE != 0 || level == 0 && positions.length != hashes.length / Merkle.HASH_SIZE) {
            throw new IllegalArgumentException("a tile holds whole hashes, and at level 0 a position for each");
        }
        this.level = level;
        this.index = index;
        this.hashes = hashes;
        this.positions = positions;
    }

    public int level() {
        return level;
    }

    public long index() {
        return index;
    }

    /** How many hashes it holds. */
    public int width() {
        return hashes.length / Merkle.HASH_SIZE;
    }

    public byte[] hash(int entry) {
        return Arrays.copyOfRange(hashes, entry * Merkle.HASH_SIZE, (entry + 1) * Merkle.HASH_SIZE);
    }

    /** The event position of leaf {@code entry} of a level-0 tile. */
    public long position(int entry) {
        return positions[entry];
    }

    byte[] hashes() {
        return hashes;
    }

    long[] positions() {
        return positions;
    }

    /** The entry holding {@code position} in a level-0 tile, or a negative number when none does (positions increase). */
    int entryOf(long position) {
        return Arrays.binarySearch(positions, position);
    }

    /**
     * The hash of the complete subtree over entries {@code j * 2^r .. (j + 1) * 2^r - 1}: the entry itself for
     * {@code r = 0}. The tile's inner nodes are hashed once and kept, as a cached tile serves many proofs.
     */
    byte[] subtree(int r, long j) {
        long end = (j + 1) << r;
        if (end > width()) {
            throw new IllegalStateException("The log's tile " + level + "/" + index + " holds " + width()
                    + " hashes, not the " + end + " a subtree needs");
        }
        // an entry's own hash needs none of the inner nodes made
        return r == 0 ? hash((int) j) : node(inner(), r, (int) j);
    }

    /** How many inner nodes of heights 1 to {@code r - 1} come before those of height {@code r}. */
    private int nodesBelow(int r) {
        int count = 0;
        for (int height = 1; height < r; height++) {
            count += width() >> height;
        }
        return count;
    }

    private byte[] inner() {
        byte[] made = inner;
        if (made == null) {
            int levels = 64 - Long.numberOfLeadingZeros(Math.max(1, width()));
            made = new byte[nodesBelow(levels) * Merkle.HASH_SIZE];
            for (int r = 1; r < levels; r++) {
                int first = nodesBelow(r);
                for (int j = 0; j < width() >> r; j++) {
                    byte[] hash = Merkle.nodeHash(node(made, r - 1, 2 * j), node(made, r - 1, 2 * j + 1));
                    System.arraycopy(hash, 0, made, (first + j) * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
                }
            }
            inner = made;
        }
        return made;
    }

    /** Node {@code j} of height {@code r}: an entry's hash for {@code r = 0}, else read from {@code inner}. */
    private byte[] node(byte[] inner, int r, int j) {
        if (r == 0) {
            return hash(j);
        }
        int node = nodesBelow(r) + j;
        return Arrays.copyOfRange(inner, node * Merkle.HASH_SIZE, (node + 1) * Merkle.HASH_SIZE);
    }
}
