package org.concord.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Keeps what the embedded MongoDB writes (webhook secrets, Chatham House authors, RESTRICTED texts, its
 * password) for the user who runs it: directories 0700, files 0600, and no start in a directory others can read.
 */
final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnlyFiles() {
    }

    /** Creates the directory 0700, or refuses an existing one that other users can read, write or enter. */
    static void prepareDirectory(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        if (permissions.stream().anyMatch(OTHERS::contains)) {
            throw new IllegalStateException("The data directory " + directory.toAbsolutePath() + " is open to other users ("
                    + PosixFilePermissions.toString(permissions) + "); it holds webhook secrets and RESTRICTED texts. "
                    + "Make it yours alone (chmod 700 " + directory.toAbsolutePath() + ") and start again.");
        }
    }

    /** Makes an existing file 0600 (one an earlier version left readable). */
    static void restrict(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Writes the file 0600 from its first byte: a temporary file beside it, moved into place atomically. */
    static void writeAtomically(Path file, String content) throws IOException {
        Path written = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(written, content, StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
    }
}
