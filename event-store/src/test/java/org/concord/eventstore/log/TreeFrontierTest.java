package org.concord.eventstore.log;

import org.concord.verifier.Merkle;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The builder's right edge of the tree gives the RFC 9162 root at every size, the subtrees it reports completed are
 * exactly those proofs read, and an edge reloaded from them continues the same tree.
 */
class TreeFrontierTest {

    @Test
    void everySizeHasTheRootOfTheRfcAndItsSubtreesServeEveryProof() {
        TreeFrontier tree = TreeFrontier.empty();
        List<byte[]> leaves = new ArrayList<>();
        Map<Long, byte[]> stored = new HashMap<>();
        assertThat(tree.root()).isEqualTo(Merkle.emptyRoot());
        for (int size = 1; size <= 300; size++) {
            byte[] leaf = Merkle.leafHash(("entry " + size).getBytes(StandardCharsets.UTF_8));
            leaves.add(leaf);
            for (TreeFrontier.Subtree subtree : tree.append(leaf)) {
                assertThat(stored.put(key(subtree.level(), subtree.index()), subtree.hash()))
                        .as("subtree %d/%d reported once", subtree.level(), subtree.index()).isNull();
            }
            byte[] root = Merkle.root(leaves);
            assertThat(tree.root()).as("root of %d leaves", size).isEqualTo(root);

            Merkle.Subtrees subtrees = (level, index) -> {
                byte[] hash = stored.get(key(level, index));
                assertThat(hash).as("subtree %d/%d", level, index).isNotNull();
                return hash;
            };
            assertThat(TreeFrontier.of(size, subtrees).root()).isEqualTo(root);
            for (int leafIndex = 0; leafIndex < size; leafIndex += 7) {
                assertThat(Merkle.verifyInclusion(leaves.get(leafIndex), leafIndex, size,
                        Merkle.inclusionProof(subtrees, leafIndex, size), root)).isTrue();
            }
        }
    }

    @Test
    void aReloadedEdgeContinuesTheSameTree() {
        TreeFrontier tree = TreeFrontier.empty();
        Map<Long, byte[]> stored = new HashMap<>();
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            byte[] leaf = Merkle.leafHash(new byte[]{(byte) i});
            leaves.add(leaf);
            tree.append(leaf).forEach(subtree -> stored.put(key(subtree.level(), subtree.index()), subtree.hash()));
        }
        TreeFrontier reloaded = TreeFrontier.of(45, (level, index) -> stored.get(key(level, index)));
        for (int i = 45; i < 100; i++) {
            byte[] leaf = Merkle.leafHash(new byte[]{(byte) i});
            leaves.add(leaf);
            reloaded.append(leaf);
        }
        assertThat(reloaded.size()).isEqualTo(100);
        assertThat(reloaded.root()).isEqualTo(Merkle.root(leaves));
    }

    private static long key(int level, long index) {
        return ((long) level << 40) + index;
    }
}
