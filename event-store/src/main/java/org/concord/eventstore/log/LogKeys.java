package org.concord.eventstore.log;

import org.concord.verifier.Checkpoint;
import org.concord.verifier.Hex;
import org.concord.verifier.Keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The log's secrets, kept in one directory (0700; files 0600) that every builder of one Concord shares: the
 * Ed25519 key that signs checkpoints ({@code signing-key.pem}, PKCS#8) and the commitment secret that salts
 * hidden parts ({@code commitment-secret}, 32 random bytes as 64 hex digits). Each is made at the first start
 * and never replaced; two processes starting together end with one of each (written beside, then linked into
 * place: a link fails if the name exists, and the loser reads the winner's). The signing key is rotated by moving
 * it, Concord stopped, into {@code retired/}: a new one is made at the next start, and a builder with it may continue
 * a log built with a retired key.
 */
public final class LogKeys {

    static final String SIGNING_KEY = "signing-key.pem";
    static final String COMMITMENT_SECRET = "commitment-secret";
    /** Where an operator moves the signing key to rotate it (docs/trust.md, key rotation). */
    static final String RETIRED = "retired";
    private static final String SIGNATURE_ALGORITHM = "Ed25519";

    private final PrivateKey signingKey;
    private final PublicKey publicKey;
    private final byte[] commitmentSecret;
    private final List<PublicKey> retiredKeys;

    private LogKeys(PrivateKey signingKey, PublicKey publicKey, byte[] commitmentSecret, List<PublicKey> retiredKeys) {
        this.signingKey = signingKey;
        this.publicKey = publicKey;
        this.commitmentSecret = commitmentSecret;
        this.retiredKeys = retiredKeys;
    }

    /** Reads the key and secret in {@code directory}, making the directory and either file first if absent. */
    public static LogKeys open(Path directory) {
        try {
            prepareDirectory(directory);
            String pem = createIfAbsent(directory.resolve(SIGNING_KEY), () -> {
                try {
                    return Keys.privatePem(KeyPairGenerator.getInstance(SIGNATURE_ALGORITHM).generateKeyPair().getPrivate());
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("This Java has no Ed25519", e);
                }
            });
            String secret = createIfAbsent(directory.resolve(COMMITMENT_SECRET), () -> {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                return Hex.of(random) + "\n";
            });
            PrivateKey privateKey = Keys.readPrivatePem(pem);
            byte[] commitmentSecret = Hex.parse(secret.strip());
            if (commitmentSecret.length != 32) {
                throw new IllegalStateException(directory.resolve(COMMITMENT_SECRET) + " does not hold 32 bytes as 64 hex digits");
            }
            return new LogKeys(privateKey, publicKeyOf(privateKey), commitmentSecret, retiredKeys(directory.resolve(RETIRED)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the log's keys in " + directory.toAbsolutePath(), e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicPem() {
        return Keys.publicPem(publicKey);
    }

    byte[] commitmentSecret() {
        return commitmentSecret.clone();
    }

    /**
     * Names this key and secret without giving the secret away: SHA-256 of the public key and of an HMAC of a fixed
     * text under the secret. Builders with other keys or another secret have another fingerprint.
     */
    String fingerprint() {
        return fingerprint(publicKey);
    }

    /**
     * Whether {@code fingerprint} names a key the operator retired from this directory (moved to {@code retired/}) with
     * this commitment secret: the log was built with it, and this key deliberately replaces it.
     */
    boolean retired(String fingerprint) {
        return retiredKeys.stream().anyMatch(key -> fingerprint(key).equals(fingerprint));
    }

    private String fingerprint(PublicKey publicKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(commitmentSecret, "HmacSHA256"));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(publicKey.getEncoded());
            sha.update(mac.doFinal("concord-log-keys/v1".getBytes(StandardCharsets.UTF_8)));
            return Hex.of(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has SHA-256 and HmacSHA256", e);
        }
    }

    /** A checkpoint of the tree of {@code treeSize} leaves with that root at {@code timestamp}, signed. */
    public Checkpoint sign(long treeSize, String rootHash, String timestamp) {
        return Checkpoint.sign(treeSize, rootHash, timestamp, signingKey);
    }

    /**
     * The public half of an Ed25519 private key. The JDK has no call for it, but its generator makes the private key
     * from the 32 bytes its random source gives: given the key's own bytes, it makes the same key and its public half.
     */
    private static PublicKey publicKeyOf(PrivateKey privateKey) {
        try {
            EdECPrivateKey key = (EdECPrivateKey) privateKey;
            byte[] seed = key.getBytes().orElseThrow(() -> new IllegalStateException("The signing key's bytes cannot be read"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance(SIGNATURE_ALGORITHM);
            generator.initialize(key.getParams(), new FixedRandom(seed));
            var pair = generator.generateKeyPair();
            if (!Arrays.equals(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(), seed)) {
                throw new IllegalStateException("Cannot derive the public key of the signing key");
            }
            return pair.getPublic();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the public key of the signing key", e);
        }
    }

    /** Hands out the given seed as the "random" bytes of a key generation, so that it derives that key's pair. */
    private static final class FixedRandom extends SecureRandom {
        private final byte[] seed;

        private FixedRandom(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }

    /** The public halves of the keys in {@code retired/}: signing keys moved there (PKCS#8), or public keys (PEM). */
    private static List<PublicKey> retiredKeys(Path retired) throws IOException {
        if (!Files.isDirectory(retired)) {
            return List.of();
        }
        List<PublicKey> keys = new ArrayList<>();
        try (Stream<Path> files = Files.list(retired)) {
            for (Path file : files.filter(path -> path.getFileName().toString().endsWith(".pem")).sorted().toList()) {
                String pem = Files.readString(file, StandardCharsets.UTF_8);
                try {
                    keys.add(pem.contains("PRIVATE KEY") ? publicKeyOf(Keys.readPrivatePem(pem)) : Keys.readPublicPem(pem));
                } catch (IllegalArgumentException notAKey) {
                    throw new IllegalStateException(file + " is not an Ed25519 key in PEM", notAKey);
                }
            }
        }
        return List.copyOf(keys);
    }

    private static void prepareDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } else {
            Files.createDirectories(directory);
        }
    }

    private interface Content {
        String make();
    }

    /** The file's text; when absent, {@code content} written 0600 beside it and linked into place. */
    private static String createIfAbsent(Path file, Content content) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        FileAttribute<?>[] ownerOnly = posix()
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path written = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new", ownerOnly);
        try {
            Files.writeString(written, content.make(), StandardCharsets.UTF_8);
            Files.createLink(file, written);
        } catch (FileAlreadyExistsException another) {
            // another process made it first: theirs is the one
        } finally {
            Files.deleteIfExists(written);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
