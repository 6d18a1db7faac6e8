package org.concord.verifier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Known answers for the tree of RFC 6962 / RFC 9162: the eight reference leaves, the tree head of every
 * size, and the audit paths and consistency proofs published with them, taken from Google's
 * certificate-transparency repository, cpp/merkletree/merkle_tree_test.cc (kInputs, kSHA256Roots,
 * kSHA256Paths, kSHA256Proofs; its leaf numbers there start at 1, here indexes start at 0), and the
 * verifier's rejections exercised in that file (VerifierCheck, VerifierConsistencyCheck).
 */
class MerkleVectorTest {

    private static final String EMPTY_ROOT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final String[] INPUTS = {
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};

    /** ROOTS[n - 1] is the head of the tree of the first n inputs. */
    private static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    record InclusionVector(long leafIndex, long treeSize, List<String> path) {
    }

    private static final List<InclusionVector> PATHS = List.of(
            new InclusionVector(0, 1, List.of()),
            new InclusionVector(0, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new InclusionVector(5, 8, List.of(
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new InclusionVector(2, 3, List.of(
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new InclusionVector(1, 5, List.of(
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    record ConsistencyVector(long fromSize, long toSize, List<String> proof) {
    }

    private static final List<ConsistencyVector> PROOFS = List.of(
            new ConsistencyVector(1, 1, List.of()),
            new ConsistencyVector(1, 8, List.of(
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new ConsistencyVector(6, 8, List.of(
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new ConsistencyVector(2, 5, List.of(
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    private static List<byte[]> leafHashes() {
        List<byte[]> leaves = new ArrayList<>();
        for (String input : INPUTS) {
            leaves.add(Merkle.leafHash(Hex.parse(input)));
        }
        return leaves;
    }

    private static MerkleTree referenceTree() {
        MerkleTree tree = new MerkleTree();
        leafHashes().forEach(tree::append);
        return tree;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(Hex::of).toList();
    }

    private static List<byte[]> bytes(List<String> hashes) {
        return hashes.stream().map(Hex::parse).toList();
    }

    private static byte[] root(long size) {
        return size == 0 ? Hex.parse(EMPTY_ROOT) : Hex.parse(ROOTS[(int) size - 1]);
    }

    @Test
    void theEmptyTreeHasTheHashOfNothing() {
        assertThat(Hex.of(Merkle.emptyRoot())).isEqualTo(EMPTY_ROOT);
        assertThat(Hex.of(Merkle.root(List.of()))).isEqualTo(EMPTY_ROOT);
        assertThat(Hex.of(new MerkleTree().root())).isEqualTo(EMPTY_ROOT);
    }

    @Test
    void everyTreeHeadMatchesThePublishedRoots() {
        List<byte[]> leaves = leafHashes();
        MerkleTree growing = new MerkleTree();
        for (int n = 1; n <= INPUTS.length; n++) {
            growing.append(leaves.get(n - 1));
            assertThat(Hex.of(Merkle.root(leaves.subList(0, n)))).as("MTH of %d leaves", n).isEqualTo(ROOTS[n - 1]);
            assertThat(Hex.of(growing.root())).as("tree of %d leaves", n).isEqualTo(ROOTS[n - 1]);
        }
        MerkleTree full = referenceTree();
        assertThat(Hex.of(full.root(0))).isEqualTo(EMPTY_ROOT);
        for (int n = 1; n <= INPUTS.length; n++) {
            assertThat(Hex.of(full.root(n))).as("earlier head of %d leaves", n).isEqualTo(ROOTS[n - 1]);
        }
    }

    @Test
    void appendingTheEighthLeafCompletesFourSubtrees() {
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = leafHashes();
        for (int i = 0; i < 7; i++) {
            tree.append(leaves.get(i));
        }
        List<MerkleTree.Node> completed = tree.append(leaves.get(7));
        assertThat(completed).extracting(MerkleTree.Node::level).containsExactly(0, 1, 2, 3);
        assertThat(completed).extracting(MerkleTree.Node::index).containsExactly(7L, 3L, 1L, 0L);
        assertThat(Hex.of(completed.get(3).hash())).isEqualTo(ROOTS[7]);
        assertThat(Hex.of(completed.get(0).hash())).isEqualTo(Hex.of(leaves.get(7)));
    }

    @Test
    void auditPathsAreThePublishedOnes() {
        MerkleTree tree = referenceTree();
        for (InclusionVector v : PATHS) {
            assertThat(hex(Merkle.inclusionProof(tree, v.leafIndex(), v.treeSize())))
                    .as("path of leaf %d in tree %d", v.leafIndex(), v.treeSize()).isEqualTo(v.path());
        }
    }

    @Test
    void consistencyProofsAreThePublishedOnes() {
        MerkleTree tree = referenceTree();
        for (ConsistencyVector v : PROOFS) {
            assertThat(hex(Merkle.consistencyProof(tree, v.fromSize(), v.toSize())))
                    .as("proof %d to %d", v.fromSize(), v.toSize()).isEqualTo(v.proof());
        }
    }

    @Test
    void publishedAuditPathsVerifyAndEveryAlterationFails() {
        List<byte[]> leaves = leafHashes();
        byte[] empty = Hex.parse(EMPTY_ROOT);
        for (InclusionVector v : PATHS) {
            byte[] leaf = leaves.get((int) v.leafIndex());
            long i = v.leafIndex();
            long n = v.treeSize();
            byte[] root = root(n);
            List<byte[]> path = bytes(v.path());
            assertThat(Merkle.verifyInclusion(leaf, i, n, path, root)).as("leaf %d of %d", i, n).isTrue();

            assertThat(Merkle.verifyInclusion(leaf, i - 1, n, path, root)).isFalse();
            assertThat(Merkle.verifyInclusion(leaf, i + 1, n, path, root)).isFalse();
            assertThat(Merkle.verifyInclusion(leaf, i ^ 2, n, path, root)).isFalse();
            assertThat(Merkle.verifyInclusion(leaf, i, n * 2, path, root)).isFalse();
            assertThat(Merkle.verifyInclusion(leaf, i, n / 2, path, root)).isFalse();
            assertThat(Merkle.verifyInclusion(Merkle.leafHash("WrongLeaf".getBytes()), i, n, path, root)).isFalse();
            assertThat(Merkle.verifyInclusion(leaf, i, n, path, empty)).isFalse();
            for (int j = 0; j < path.size(); j++) {
                List<byte[]> wrong = new ArrayList<>(path);
                wrong.set(j, empty);
                assertThat(Merkle.verifyInclusion(leaf, i, n, wrong, root)).isFalse();
            }
            List<byte[]> longer = new ArrayList<>(path);
            longer.add(new byte[0]);
            assertThat(Merkle.verifyInclusion(leaf, i, n, longer, root)).isFalse();
            longer.set(longer.size() - 1, root);
            assertThat(Merkle.verifyInclusion(leaf, i, n, longer, root)).isFalse();
            if (!path.isEmpty()) {
                assertThat(Merkle.verifyInclusion(leaf, i, n, path.subList(0, path.size() - 1), root)).isFalse();
            }
            List<byte[]> prefixed = new ArrayList<>(path);
            prefixed.add(0, root);
            assertThat(Merkle.verifyInclusion(leaf, i, n, prefixed, root)).isFalse();
        }
        assertThat(Merkle.verifyInclusion(empty, 0, 0, List.of(), empty)).isFalse();
        assertThat(Merkle.verifyInclusion(empty, 1, 0, List.of(), empty)).isFalse();
        assertThat(Merkle.verifyInclusion(empty, 2, 1, List.of(), empty)).isFalse();
    }

    @Test
    void publishedConsistencyProofsVerifyAndEveryAlterationFails() {
        byte[] empty = Hex.parse(EMPTY_ROOT);
        byte[] wrongRoot = Merkle.leafHash("WrongRoot".getBytes());
        for (ConsistencyVector v : PROOFS) {
            long m = v.fromSize();
            long n = v.toSize();
            byte[] r1 = root(m);
            byte[] r2 = root(n);
            List<byte[]> proof = bytes(v.proof());
            assertThat(Merkle.verifyConsistency(m, n, r1, r2, proof)).as("%d to %d", m, n).isTrue();
            if (proof.isEmpty()) {
                continue;
            }
            assertThat(Merkle.verifyConsistency(m - 1, n, r1, r2, proof)).isFalse();
            assertThat(Merkle.verifyConsistency(m + 1, n, r1, r2, proof)).isFalse();
            assertThat(Merkle.verifyConsistency(m ^ 2, n, r1, r2, proof)).isFalse();
            assertThat(Merkle.verifyConsistency(m, n * 2, r1, r2, proof)).isFalse();
            assertThat(Merkle.verifyConsistency(m, n / 2, r1, r2, proof)).isFalse();
            assertThat(Merkle.verifyConsistency(m, n, r1, wrongRoot, proof)).isFalse();
            assertThat(Merkle.verifyConsistency(m, n, wrongRoot, r2, proof)).isFalse();
            assertThat(Merkle.verifyConsistency(m, n, r2, r1, proof)).isFalse();
            assertThat(Merkle.verifyConsistency(m, n, r1, r2, List.of())).isFalse();
            for (int j = 0; j < proof.size(); j++) {
                List<byte[]> wrong = new ArrayList<>(proof);
                wrong.set(j, empty);
                assertThat(Merkle.verifyConsistency(m, n, r1, r2, wrong)).isFalse();
            }
            List<byte[]> longer = new ArrayList<>(proof);
            longer.add(new byte[0]);
            assertThat(Merkle.verifyConsistency(m, n, r1, r2, longer)).isFalse();
            longer.set(longer.size() - 1, proof.get(proof.size() - 1));
            assertThat(Merkle.verifyConsistency(m, n, r1, r2, longer)).isFalse();
            assertThat(Merkle.verifyConsistency(m, n, r1, r2, proof.subList(0, proof.size() - 1))).isFalse();
            List<byte[]> prefixed = new ArrayList<>(proof);
            prefixed.add(0, proof.get(0));
            assertThat(Merkle.verifyConsistency(m, n, r1, r2, prefixed)).isFalse();
        }
    }

    @Test
    void trivialAndBackwardConsistency() {
        byte[] empty = Hex.parse(EMPTY_ROOT);
        byte[] r1 = root(1);
        assertThat(Merkle.verifyConsistency(0, 0, empty, empty, List.of())).isTrue();
        assertThat(Merkle.verifyConsistency(0, 1, empty, r1, List.of())).isTrue();
        assertThat(Merkle.verifyConsistency(1, 1, r1, r1, List.of())).isTrue();

        assertThat(Merkle.verifyConsistency(1, 0, r1, empty, List.of())).as("time travel").isFalse();
        assertThat(Merkle.verifyConsistency(2, 1, root(2), r1, List.of())).as("time travel").isFalse();
        assertThat(Merkle.verifyConsistency(1, 2, r1, root(2), List.of())).as("empty proof").isFalse();
        assertThat(Merkle.verifyConsistency(1, 1, r1, empty, List.of())).as("roots differ").isFalse();
        assertThat(Merkle.verifyConsistency(0, 1, r1, r1, List.of())).as("no leaves, yet a root").isFalse();
        assertThat(Merkle.verifyConsistency(0, 0, empty, empty, List.of(empty))).as("needless proof").isFalse();
        assertThat(Merkle.verifyConsistency(0, 1, empty, r1, List.of(empty))).as("needless proof").isFalse();
        assertThat(Merkle.verifyConsistency(1, 1, r1, r1, List.of(empty))).as("needless proof").isFalse();
    }
}
