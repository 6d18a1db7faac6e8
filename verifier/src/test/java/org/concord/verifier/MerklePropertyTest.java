package org.concord.verifier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random trees: every proof the generator makes verifies, and a proof shown with a wrong leaf, index,
 * size, root or element does not. The in-memory tree's heads agree with the RFC's recursive definition
 * at every size, as does every subtree an append reports completed.
 */
class MerklePropertyTest {

    /** A tree of random leaves and a spot in it: 0 <= from <= to <= size, and a leaf below to; the picks are spare choices. */
    record Case(List<byte[]> leaves, long from, long to, long leaf, int pick, long otherPick) {
        MerkleTree tree() {
            MerkleTree tree = new MerkleTree();
            leaves.forEach(tree::append);
            return tree;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        // distinct leaves, as a log's are (each entry names its position): equal leaves at two indexes would let a
        // proof for one verify at the other, rightly
        Arbitrary<List<byte[]>> leaves = Arbitraries.bytes().array(byte[].class).ofSize(Merkle.HASH_SIZE)
                .list().ofMinSize(1).ofMaxSize(100).uniqueElements(ByteBuffer::wrap);
        return leaves.flatMap(l -> Arbitraries.longs().between(1, l.size()).flatMap(to ->
                Combinators.combine(
                        Arbitraries.longs().between(1, to),
                        Arbitraries.longs().between(0, to - 1),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.longs().between(0, 4 * l.size()))
                        .as((from, leaf, pick, other) -> new Case(l, from, to, leaf, pick, other))));
    }

    private static byte[] flipOneBit(byte[] hash, int pick) {
        byte[] changed = hash.clone();
        changed[pick % changed.length] ^= (byte) (1 << (pick % 8));
        return changed;
    }

    private static List<byte[]> withOneElementChanged(List<byte[]> proof, int pick) {
        List<byte[]> changed = new ArrayList<>(proof);
        int j = pick % proof.size();
        changed.set(j, flipOneBit(proof.get(j), pick / 7));
        return changed;
    }

    /** A value of lowest..bound other than avoid, unless avoid is the only one there. */
    private static long other(long avoid, long pick, long lowest, long bound) {
        long span = bound - lowest + 1;
        long value = lowest + Math.floorMod(pick, span);
        return value == avoid ? (value == bound ? lowest : value + 1) : value;
    }

    @Property(tries = 200)
    void treeHeadsAgreeWithTheRecursiveDefinition(@ForAll("cases") Case c) {
        MerkleTree tree = new MerkleTree();
        for (int n = 1; n <= c.leaves().size(); n++) {
            for (MerkleTree.Node node : tree.append(c.leaves().get(n - 1))) {
                int first = (int) (node.index() << node.level());
                assertThat(node.hash()).isEqualTo(Merkle.root(c.leaves().subList(first, first + (1 << node.level()))));
            }
        }
        for (int n = 0; n <= c.leaves().size(); n++) {
            assertThat(tree.root(n)).as("head of %d leaves", n).isEqualTo(Merkle.root(c.leaves().subList(0, n)));
        }
        assertThat(tree.size()).isEqualTo(c.leaves().size());
    }

    @Property(tries = 300)
    void everyInclusionProofVerifiesAndNoAlteredOneDoes(@ForAll("cases") Case c) {
        MerkleTree tree = c.tree();
        long n = c.to();
        long i = c.leaf();
        byte[] leaf = c.leaves().get((int) i);
        byte[] root = tree.root(n);
        List<byte[]> proof = Merkle.inclusionProof(tree, i, n);

        assertThat(Merkle.verifyInclusion(leaf, i, n, proof, root)).isTrue();
        assertThat(Merkle.verifyInclusion(flipOneBit(leaf, c.pick()), i, n, proof, root)).as("wrong leaf").isFalse();
        assertThat(Merkle.verifyInclusion(leaf, i, n, proof, flipOneBit(root, c.pick()))).as("wrong root").isFalse();
        if (n > 1) {
            long wrongIndex = other(i, c.otherPick(), 0, n - 1);
            assertThat(Merkle.verifyInclusion(leaf, wrongIndex, n, proof, root)).as("index %d", wrongIndex).isFalse();
            assertThat(Merkle.verifyInclusion(leaf, i, n, withOneElementChanged(proof, c.pick()), root))
                    .as("wrong element").isFalse();
        }
        // a size is only ever claimed with its own root (a checkpoint signs both), so the wrong size comes with its root
        long wrongSize = other(n, c.otherPick(), i + 1, c.leaves().size());
        if (wrongSize != n) {
            assertThat(Merkle.verifyInclusion(leaf, i, wrongSize, proof, tree.root(wrongSize)))
                    .as("size %d", wrongSize).isFalse();
        }
    }

    @Property(tries = 300)
    void everyConsistencyProofVerifiesAndNoAlteredOneDoes(@ForAll("cases") Case c) {
        MerkleTree tree = c.tree();
        long m = c.from();
        long n = c.to();
        byte[] oldRoot = tree.root(m);
        byte[] newRoot = tree.root(n);
        List<byte[]> proof = Merkle.consistencyProof(tree, m, n);

        assertThat(Merkle.verifyConsistency(m, n, oldRoot, newRoot, proof)).isTrue();
        if (m == n) {
            assertThat(proof).isEmpty();
            return;
        }
        assertThat(Merkle.verifyConsistency(m, n, flipOneBit(oldRoot, c.pick()), newRoot, proof)).as("old root").isFalse();
        assertThat(Merkle.verifyConsistency(m, n, oldRoot, flipOneBit(newRoot, c.pick()), proof)).as("new root").isFalse();
        assertThat(Merkle.verifyConsistency(m, n, oldRoot, newRoot, withOneElementChanged(proof, c.pick())))
                .as("wrong element").isFalse();
        // as with inclusion, a wrong size is claimed with the root of that size
        long wrongFrom = other(m, c.otherPick(), 1, n);
        assertThat(Merkle.verifyConsistency(wrongFrom, n, tree.root(wrongFrom), newRoot, proof))
                .as("from %d", wrongFrom).isFalse();
        long wrongTo = other(n, c.otherPick(), m, c.leaves().size());
        if (wrongTo != n) {
            assertThat(Merkle.verifyConsistency(m, wrongTo, oldRoot, tree.root(wrongTo), proof))
                    .as("to %d", wrongTo).isFalse();
        }
    }
}
