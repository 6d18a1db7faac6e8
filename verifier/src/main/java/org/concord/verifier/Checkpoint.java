package org.concord.verifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A signed tree head: the log's key vouches that the tree of treeSize leaves had rootHash (lowercase
 * hex) at timestamp (an ISO instant). Whoever keeps one can later hold the log to it.
 *
 * @param signature base64 of the Ed25519 signature over {@link #signedMessage()}
 */
public record Checkpoint(long treeSize, String rootHash, String timestamp, String signature) {

    /** The first line of every signed message, so a signature cannot be taken for one over something else. */
    public static final String CONTEXT = "concord-log-checkpoint/v1";

    /** Signs the tree head with the log's private key. */
    public static Checkpoint sign(long treeSize, String rootHash, String timestamp, PrivateKey key) {
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initSign(key);
            ed25519.update(message(treeSize, rootHash, timestamp));
            return new Checkpoint(treeSize, rootHash, timestamp, Base64.getEncoder().encodeToString(ed25519.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** UTF-8 of {@code "concord-log-checkpoint/v1\n" + treeSize + "\n" + rootHash + "\n" + timestamp + "\n"}. */
    public byte[] signedMessage() {
        return message(treeSize, rootHash, timestamp);
    }

    /** Whether the signature is the key's over this checkpoint; false for a malformed signature or a key of another kind. */
    public boolean verify(PublicKey key) {
        if (signature == null || rootHash == null || timestamp == null) {
            return false;
        }
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update(signedMessage());
            return ed25519.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] message(long treeSize, String rootHash, String timestamp) {
        return (CONTEXT + "\n" + treeSize + "\n" + rootHash + "\n" + timestamp + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
