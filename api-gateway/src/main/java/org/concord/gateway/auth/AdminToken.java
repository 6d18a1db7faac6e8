package org.concord.gateway.auth;

import org.concord.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The bootstrap administrator's token: {@code CONCORD_ADMIN_TOKEN} if set, else the one kept in the
 * admin token file, else a new random one written there (readable by its owner only) at first start.
 * A token shorter than {@value #MINIMUM_LENGTH} characters is refused: the gateway does not start.
 */
@Component
public class AdminToken {

    /** As long as the 43 characters of a token made here need not be, and long enough not to be guessed. */
    public static final int MINIMUM_LENGTH = 32;
    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    private final byte[] token;

    public AdminToken(GatewayProperties properties) {
        this.token = resolve(properties).getBytes(StandardCharsets.UTF_8);
    }

    /** Compares in constant time, so the answer's timing says nothing about the token. */
    public boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private static String resolve(GatewayProperties properties) {
        if (properties.adminToken() != null && !properties.adminToken().isBlank()) {
            log.info("Administrator token taken from configuration (CONCORD_ADMIN_TOKEN)");
            return longEnough(properties.adminToken().trim(), "CONCORD_ADMIN_TOKEN");
        }
        Path file = properties.adminTokenFile().toAbsolutePath();
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!kept.isEmpty()) {
                    log.info("Administrator token read from {}", file);
                    return longEnough(kept, "The administrator token in " + file);
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String created = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            createForOwnerOnly(file.getParent());
            writeForOwnerOnly(file, created + "\n");
            // never the token itself: logs are read by more people, and kept longer, than the token file
            log.info("Administrator token created at first start and written to {} (readable by its owner only)", file);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the administrator token at " + file, e);
        }
    }

    /** Refuses a token that could be guessed, naming its length, never the token itself. */
    private static String longEnough(String token, String source) {
        if (token.length() < MINIMUM_LENGTH) {
            throw new IllegalStateException(source + " has " + token.length() + " characters; the administrator token "
                    + "must have at least " + MINIMUM_LENGTH + " (for example: openssl rand -base64 32)");
        }
        return token;
    }

    /** A missing data directory is made for its owner only (0700), as {@code ./concord} makes it. */
    private static void createForOwnerOnly(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        }
    }

    /**
     * Writes the file readable by its owner only from its first byte (a file made 0600, then moved into place
     * atomically), so that no other local user can read it in between.
     */
    static void writeForOwnerOnly(Path file, String content) throws IOException {
        Path written;
        try {
            written = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("Cannot restrict the permissions of {} on this file system", file);
            written = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new");
        }
        try {
            Files.writeString(written, content, StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
    }
}
