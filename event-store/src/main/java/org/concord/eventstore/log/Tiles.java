package org.concord.eventstore.log;

import org.concord.verifier.Merkle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Where the log's tree hashes are in its tiles (C2SP tlog-tiles, https://c2sp.org/tlog-tiles): a tile of level
 * {@code k} holds up to {@code 2^height} consecutive hashes of tree level {@code k * height}, the complete subtrees
 * of {@code 2^(k * height)} leaves; level 0 holds the leaf hashes. Any other complete subtree, of tree level
 * {@code k * height + r}, is hashed from {@code 2^r} consecutive entries of one level-{@code k} tile. The log uses
 * height 8 (256 hashes a tile); tests use smaller heights to cross many tile boundaries.
 */
public final class Tiles {

    /** The log's tile height: 256 hashes a tile. */
    public static final int HEIGHT = 8;
    private static final int LEVEL_SHIFT = 40;

    private final int height;

    public Tiles(int height) {
        if (height < 1 || height > 16) {
            throw new IllegalArgumentException("a tile height from 1 to 16, not " + height);
        }
        this.height = height;
    }

    public int height() {
        return height;
    }

    /** How many hashes a complete tile holds. */
    public int width() {
        return 1 << height;
    }

    /** The stored key of tile {@code index} of {@code level}: {@code level * 2^40 + index}. */
    public static long key(int level, long index) {
        return ((long) level << LEVEL_SHIFT) + index;
    }

    static int levelOf(long key) {
        return (int) (key >>> LEVEL_SHIFT);
    }

    static long indexOf(long key) {
        return key & ((1L << LEVEL_SHIFT) - 1);
    }

    /** The width of the level-{@code level} tile at the tree's right edge, 0 when that level's tiles are all complete. */
    int partialWidth(int level, long treeSize) {
        return (int) ((treeSize >>> (level * height)) & (width() - 1));
    }

    /** The tree's hashes, read from the tiles {@code tileByKey} answers. */
    Merkle.Subtrees subtrees(LongFunction<Tile> tileByKey) {
        return (treeLevel, subtreeIndex) -> {
            int level = treeLevel / height;
            int r = treeLevel % height;
            long first = subtreeIndex << r;
            Tile tile = tileByKey.apply(key(level, first >>> height));
            if (tile == null) {
                throw new IllegalStateException("The log's tile " + level + "/" + (first >>> height) + " is not stored");
            }
            return tile.subtree(r, (first & (width() - 1)) >>> r);
        };
    }

    /**
     * The tiles a computation on the tree reads, each with the width it needs: the computation is run once on
     * stand-in hashes, as which subtrees a root or proof reads does not depend on their hashes.
     */
    <T> Map<Long, Integer> tilesRead(Function<Merkle.Subtrees, T> computation) {
        Map<Long, Integer> wanted = new LinkedHashMap<>();
        byte[] standIn = new byte[Merkle.HASH_SIZE];
        computation.apply((treeLevel, subtreeIndex) -> {
            int r = treeLevel % height;
            long first = subtreeIndex << r;
            int needed = (int) ((first & (width() - 1)) + (1L << r));
            wanted.merge(key(treeLevel / height, first >>> height), needed, Math::max);
            return standIn;
        });
        return wanted;
    }
}
