package org.concord.eventstore.log;

import org.concord.verifier.Merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tiles a growing tree is filling, one per level at most, and those changed since they were last taken: the
 * builder adds what each leaf completes ({@link TreeFrontier#append}) and writes the changed tiles once a batch, a
 * few documents however many leaves the batch held.
 */
final class OpenTiles {

    private final Tiles tiles;
    /** By level: the tile being filled (never complete: a complete one is moved to {@link #completed}). */
    private final Map<Integer, Filling> filling = new LinkedHashMap<>();
    private final Map<Long, Tile> completed = new LinkedHashMap<>();
    private final Set<Integer> grown = new HashSet<>();

    private OpenTiles(Tiles tiles) {
        this.tiles = tiles;
    }

    static OpenTiles empty(Tiles tiles) {
        return new OpenTiles(tiles);
    }

    /**
     * The open tiles of a stored tree of {@code treeSize} leaves: the partial tile of each level, as {@code stored}
     * answers them by key (a stored one may be wider than this size, written by a builder that then lost the lease).
     */
    static OpenTiles of(Tiles tiles, long treeSize, Map<Long, Tile> stored) {
        OpenTiles open = new OpenTiles(tiles);
        for (Map.Entry<Integer, Long> partial : partialTiles(tiles, treeSize).entrySet()) {
            int level = partial.getKey();
            Tile tile = stored.get(partial.getValue());
            int width = tiles.partialWidth(level, treeSize);
            if (tile == null || tile.width() < width) {
                throw new IllegalStateException("The log's tile " + level + "/" + Tiles.indexOf(partial.getValue()) + " of a tree of "
                        + treeSize + " leaves is missing or holds fewer than its " + width + " hashes");
            }
            Filling fill = new Filling(tiles.width(), level, tile.index());
            for (int entry = 0; entry < width; entry++) {
                fill.add(tile.hash(entry), level == 0 ? tile.position(entry) : 0);
            }
            open.filling.put(level, fill);
        }
        return open;
    }

    /** The keys of the partial tiles of a tree of {@code treeSize} leaves, by level. */
    static Map<Integer, Long> partialTiles(Tiles tiles, long treeSize) {
        Map<Integer, Long> keys = new LinkedHashMap<>();
        for (int level = 0; level * tiles.height() < 63 && treeSize >>> (level * tiles.height()) > 0; level++) {
            if (tiles.partialWidth(level, treeSize) > 0) {
                keys.put(level, Tiles.key(level, treeSize >>> ((level + 1) * tiles.height())));
            }
        }
        return keys;
    }

    OpenTiles copy() {
        OpenTiles copy = new OpenTiles(tiles);
        filling.forEach((level, fill) -> copy.filling.put(level, fill.copy()));
        copy.completed.putAll(completed);
        copy.grown.addAll(grown);
        return copy;
    }

    /** Adds the subtrees a leaf completed (the leaf first) that tiles hold: those of tree levels {@code k * height}. */
    void add(List<TreeFrontier.Subtree> subtrees, long position) {
        for (TreeFrontier.Subtree subtree : subtrees) {
            if (subtree.level() % tiles.height() != 0) {
                continue;
            }
            int level = subtree.level() / tiles.height();
            long index = subtree.index() >>> tiles.height();
            Filling fill = filling.computeIfAbsent(level, l -> new Filling(tiles.width(), l, index));
            fill.add(subtree.hash(), position);
            grown.add(level);
            if (fill.width == tiles.width()) {
                completed.put(Tiles.key(level, index), fill.tile());
                filling.remove(level);
                grown.remove(level);
            }
        }
    }

    /** The tiles changed since the last call, each as it stands now. */
    List<Tile> takeChanged() {
        List<Tile> taken = new ArrayList<>(completed.values());
        for (int level : grown) {
            taken.add(filling.get(level).tile());
        }
        completed.clear();
        grown.clear();
        return taken;
    }

    /** A tile being filled. */
    private static final class Filling {
        private final int level;
        private final long index;
        private final byte[] hashes;
        private final long[] positions;
        private int width;

        Filling(int capacity, int level, long index) {
            this.level = level;
            this.index = index;
            this.hashes = new byte[capacity * Merkle.HASH_SIZE];
            this.positions = new long[capacity];
        }

        void add(byte[] hash, long position) {
            System.arraycopy(hash, 0, hashes, width * Merkle.HASH_SIZE, Merkle.HASH_SIZE);
            positions[width] = position;
            width++;
        }

        Tile tile() {
            return new Tile(level, index, Arrays.copyOf(hashes, width * Merkle.HASH_SIZE),
                    level == 0 ? Arrays.copyOf(positions, width) : new long[0]);
        }

        Filling copy() {
            Filling copy = new Filling(positions.length, level, index);
            System.arraycopy(hashes, 0, copy.hashes, 0, hashes.length);
            System.arraycopy(positions, 0, copy.positions, 0, positions.length);
            copy.width = width;
            return copy;
        }
    }
}
