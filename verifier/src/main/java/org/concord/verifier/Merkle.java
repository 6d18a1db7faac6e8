package org.concord.verifier;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree hash of RFC 9162 (section 2.1) with SHA-256: leaf and node hashes, tree heads,
 * and the generation and verification of inclusion and consistency proofs.
 *
 * <p>Proofs are generated from a {@link Subtrees}, the hashes of complete aligned subtrees, so that a
 * store keeping those (the log's nodes) answers a proof with O(log n) reads: every subtree the RFC's
 * recursion names is either such a subtree or the right edge of the tree, which is recomputed from
 * such subtrees.
 */
public final class Merkle {

    /** The size of every hash here. */
    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private Merkle() {
    }

    /** The hashes of complete, aligned subtrees of one tree. */
    public interface Subtrees {
        /** Hash of the complete, aligned subtree of 2^level leaves starting at leaf index * 2^level. */
        byte[] hash(int level, long index);
    }

    /** MTH of a one-entry list: {@code SHA-256(0x00 || entry)}. */
    public static byte[] leafHash(byte[] entry) {
        MessageDigest sha = sha256();
        sha.update(LEAF_PREFIX);
        sha.update(entry);
        return sha.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update(NODE_PREFIX);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** MTH of the empty list: the SHA-256 of nothing. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** MTH of the given leaf hashes, by the RFC's recursive definition (kept literal as a reference). */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return emptyRoot();
        }
        return rangeRoot(leafHashes, 0, leafHashes.size());
    }

    private static byte[] rangeRoot(List<byte[]> leaves, int start, int end) {
        int n = end - start;
        if (n == 1) {
            return leaves.get(start).clone();
        }
        int k = (int) largestPowerOfTwoBelow(n);
        return nodeHash(rangeRoot(leaves, start, start + k), rangeRoot(leaves, start + k, end));
    }

    /** MTH of the first treeSize leaves of a tree that holds at least that many. */
    public static byte[] root(Subtrees tree, long treeSize) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size " + treeSize + " is negative");
        }
        if (treeSize == 0) {
            return emptyRoot();
        }
        return rangeHash(tree, 0, treeSize);
    }

    /**
     * RFC 9162 2.1.3.1: the audit path of the leaf at leafIndex in the tree of the first treeSize leaves,
     * from the leaf's sibling up to the root's child.
     */
    public static List<byte[]> inclusionProof(Subtrees tree, long leafIndex, long treeSize) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        List<byte[]> path = new ArrayList<>();
        long start = 0;
        long end = treeSize;
        long m = leafIndex;
        // The recursion PATH(m, D[n]) walks down from the root; the path lists the siblings bottom-up.
        while (end - start > 1) {
            long k = largestPowerOfTwoBelow(end - start);
            if (m < k) {
                path.add(rangeHash(tree, start + k, end));
                end = start + k;
            } else {
                path.add(rangeHash(tree, start, start + k));
                start = start + k;
                m -= k;
            }
        }
        reverse(path);
        return path;
    }

    /**
     * RFC 9162 2.1.4.1: the proof that the tree of the first fromSize leaves is a prefix of the tree of
     * the first toSize leaves; empty when fromSize is 0 or equals toSize.
     */
    public static List<byte[]> consistencyProof(Subtrees tree, long fromSize, long toSize) {
        if (fromSize < 0 || fromSize > toSize) {
            throw new IllegalArgumentException("no consistency proof from size " + fromSize + " to size " + toSize);
        }
        List<byte[]> proof = new ArrayList<>();
        if (fromSize == 0 || fromSize == toSize) {
            return proof;
        }
        // SUBPROOF(m, D[start:end], b), unrolled: each step adds one hash, collected top-down.
        long start = 0;
        long end = toSize;
        long m = fromSize;
        boolean wholeOldTree = true;
        while (m != end - start) {
            long k = largestPowerOfTwoBelow(end - start);
            if (m <= k) {
                proof.add(rangeHash(tree, start + k, end));
                end = start + k;
            } else {
                proof.add(rangeHash(tree, start, start + k));
                start = start + k;
                m -= k;
                wholeOldTree = false;
            }
        }
        if (!wholeOldTree) {
            proof.add(rangeHash(tree, start, end));
        }
        reverse(proof);
        return proof;
    }

    /** RFC 9162 2.1.3.2: whether the audit path leads from the leaf hash at leafIndex to root in a tree of treeSize. */
    public static boolean verifyInclusion(byte[] leafHash, long leafIndex, long treeSize, List<byte[]> proof, byte[] root) {
        if (leafIndex < 0 || leafIndex >= treeSize || !isHash(leafHash) || !isHash(root)) {
            return false;
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0 || !isHash(p)) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    /**
     * RFC 9162 2.1.4.2: whether the proof shows the tree of fromSize with fromRoot to be a prefix of the
     * tree of toSize with toRoot. Equal sizes need equal roots and an empty proof; from the empty tree
     * (fromRoot the empty root) every tree is consistent, with an empty proof.
     */
    public static boolean verifyConsistency(long fromSize, long toSize, byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
        if (fromSize < 0 || fromSize > toSize || !isHash(fromRoot) || !isHash(toRoot)) {
            return false;
        }
        if (fromSize == toSize) {
            return proof.isEmpty() && MessageDigest.isEqual(fromRoot, toRoot);
        }
        if (fromSize == 0) {
            return proof.isEmpty() && MessageDigest.isEqual(fromRoot, emptyRoot());
        }
        if (proof.isEmpty()) {
            return false;
        }
        for (byte[] p : proof) {
            if (!isHash(p)) {
                return false;
            }
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(fromSize) == 1) {
            path.add(0, fromRoot);
        }
        long fn = fromSize - 1;
        long sn = toSize - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, fromRoot) && MessageDigest.isEqual(sr, toRoot);
    }

    /** MTH(D[start:end]) where start is aligned to the largest power of two below end - start, as in every RFC split. */
    private static byte[] rangeHash(Subtrees tree, long start, long end) {
        long n = end - start;
        if (Long.bitCount(n) == 1 && start % n == 0) {
            int level = Long.numberOfTrailingZeros(n);
            return tree.hash(level, start >> level);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(rangeHash(tree, start, start + k), rangeHash(tree, start + k, end));
    }

    /** The largest power of two strictly less than n (n at least 2). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static boolean isHash(byte[] b) {
        return b != null && b.length == HASH_SIZE;
    }

    private static void reverse(List<byte[]> list) {
        for (int i = 0, j = list.size() - 1; i < j; i++, j--) {
            byte[] t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
