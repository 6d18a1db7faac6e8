package org.concord.eventstore.log;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.concord.verifier.Merkle;
import org.concord.verifier.MerkleTree;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Roots and proofs read from tiles, as the builder writes them a batch at a time, are those of the reference Merkle
 * tree (the verifier's {@link MerkleTree}, the RFC's recursion for roots) at every size, across tile boundaries of
 * every level: tile heights 1 to 4 cross them within a few hundred leaves, height 8 (the log's) around 256 and 65,536.
 * The tiles a computation names, each cut to the width it asks for, are enough to run it.
 */
class TilesPropertyTest {

    private static final int LARGEST = 65_536 + 256;
    private static final List<byte[]> LEAVES = new ArrayList<>();
    private static final MerkleTree REFERENCE = new MerkleTree();

    static {
        for (int leaf = 0; leaf < LARGEST; leaf++) {
            LEAVES.add(Merkle.leafHash(ByteBuffer.allocate(8).putLong(leaf).array()));
            REFERENCE.append(LEAVES.get(leaf));
        }
    }

    record Case(int height, int size, int batch, long leafIndex, long fromSize) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<int[]> heightAndSize = Arbitraries.frequencyOf(
                Tuple.of(6, Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 1100))
                        .as((height, size) -> new int[]{height, size})),
                Tuple.of(2, Arbitraries.of(1, 2, 255, 256, 257, 511, 512, 513, 1000).map(size -> new int[]{8, size})),
                Tuple.of(1, Arbitraries.of(65_535, 65_536, 65_537, 65_536 + 255, 65_536 + 256).map(size -> new int[]{8, size})));
        return heightAndSize.flatMap(hs -> Combinators.combine(
                Arbitraries.integers().between(1, 700),
                Arbitraries.longs().between(0, hs[1] - 1),
                Arbitraries.longs().between(1, hs[1])).as((batch, leafIndex, fromSize) -> new Case(hs[0], hs[1], batch, leafIndex, fromSize)));
    }

    @Property(tries = 150)
    void rootsAndProofsFromTilesAreThoseOfTheReferenceTree(@ForAll("cases") Case given) {
        Tiles tiles = new Tiles(given.height());
        Map<Long, Tile> stored = build(tiles, given.size(), given.batch());
        Merkle.Subtrees fromTiles = tiles.subtrees(stored::get);

        assertThat(Merkle.root(fromTiles, given.size())).isEqualTo(Merkle.root(LEAVES.subList(0, given.size())));
        assertThat(Merkle.inclusionProof(fromTiles, given.leafIndex(), given.size()))
                .containsExactlyElementsOf(Merkle.inclusionProof(REFERENCE, given.leafIndex(), given.size()));
        assertThat(Merkle.consistencyProof(fromTiles, given.fromSize(), given.size()))
                .containsExactlyElementsOf(Merkle.consistencyProof(REFERENCE, given.fromSize(), given.size()));
        assertThat(Merkle.root(fromTiles, given.fromSize())).isEqualTo(Merkle.root(LEAVES.subList(0, (int) given.fromSize())));

        List<byte[]> inclusion = onNamedTiles(tiles, stored, tree -> Merkle.inclusionProof(tree, given.leafIndex(), given.size()));
        assertThat(inclusion).containsExactlyElementsOf(Merkle.inclusionProof(REFERENCE, given.leafIndex(), given.size()));
        List<byte[]> consistency = onNamedTiles(tiles, stored, tree -> Merkle.consistencyProof(tree, given.fromSize(), given.size()));
        assertThat(consistency).containsExactlyElementsOf(Merkle.consistencyProof(REFERENCE, given.fromSize(), given.size()));
    }

    @Property(tries = 100)
    void anEdgeReloadedFromTilesContinuesTheSameTree(@ForAll("cases") Case given) {
        Tiles tiles = new Tiles(given.height());
        int reloadAt = (int) given.fromSize();
        Map<Long, Tile> stored = build(tiles, reloadAt, given.batch());
        TreeFrontier tree = TreeFrontier.of(reloadAt, tiles.subtrees(stored::get));
        OpenTiles open = OpenTiles.of(tiles, reloadAt, stored);
        for (int leaf = reloadAt; leaf < given.size(); leaf++) {
            open.add(tree.append(LEAVES.get(leaf)), 10L * leaf);
        }
        open.takeChanged().forEach(tile -> keepWider(stored, tile));

        assertThat(tree.root()).isEqualTo(Merkle.root(LEAVES.subList(0, given.size())));
        assertThat(Merkle.root(tiles.subtrees(stored::get), given.size())).isEqualTo(tree.root());
        assertThat(stored.get(Tiles.key(0, given.leafIndex() >>> given.height())).position((int) (given.leafIndex() % tiles.width())))
                .isEqualTo(10L * given.leafIndex());
    }

    /** The tiles of a tree of {@code size} leaves, written as the builder does, {@code batch} leaves at a time. */
    private static Map<Long, Tile> build(Tiles tiles, int size, int batch) {
        Map<Long, Tile> stored = new HashMap<>();
        TreeFrontier tree = TreeFrontier.empty();
        OpenTiles open = OpenTiles.empty(tiles);
        for (int leaf = 0; leaf < size; leaf++) {
            open.add(tree.append(LEAVES.get(leaf)), 10L * leaf);
            if ((leaf + 1) % batch == 0 || leaf + 1 == size) {
                open.takeChanged().forEach(tile -> keepWider(stored, tile));
            }
        }
        return stored;
    }

    private static void keepWider(Map<Long, Tile> stored, Tile tile) {
        stored.merge(Tiles.key(tile.level(), tile.index()), tile, (kept, written) -> written.width() >= kept.width() ? written : kept);
    }

    /** Runs the computation on only the tiles it names, each cut to the width it names, as a reader with narrower copies would. */
    private static <T> T onNamedTiles(Tiles tiles, Map<Long, Tile> stored, Function<Merkle.Subtrees, T> computation) {
        Map<Long, Tile> named = new HashMap<>();
        tiles.tilesRead(computation).forEach((key, width) -> {
            Tile tile = stored.get(key);
            assertThat(tile).as("tile %d/%d", Tiles.levelOf(key), Tiles.indexOf(key)).isNotNull();
            assertThat(tile.width()).as("the width asked of tile %d/%d", Tiles.levelOf(key), Tiles.indexOf(key)).isGreaterThanOrEqualTo(width);
            byte[] hashes = Arrays.copyOf(tile.hashes(), width * Merkle.HASH_SIZE);
            long[] positions = tile.level() == 0 ? Arrays.copyOf(tile.positions(), width) : new long[0];
            named.put(key, new Tile(tile.level(), tile.index(), hashes, positions));
        });
        return computation.apply(tiles.subtrees(named::get));
    }
}
