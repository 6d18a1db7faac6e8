package org.concord.gateway.auth;

import org.concord.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The administrator token made at first start is kept for its owner alone, and never written to a log (issue #18). */
@ExtendWith(OutputCaptureExtension.class)
class AdminTokenTest {

    @Test
    void a_token_made_at_first_start_is_in_a_file_only_its_owner_reads_and_in_no_log(@TempDir Path data, CapturedOutput output)
            throws Exception {
        Path file = data.resolve("admin-token");
        AdminToken token = new AdminToken(new GatewayProperties(List.of(URI.create("http://127.0.0.1:1")),
                List.of(URI.create("http://127.0.0.1:2")), List.of(URI.create("http://127.0.0.1:3")), null, file));

        String kept = Files.readString(file).trim();
        assertThat(token.matches(kept)).isTrue();
        assertThat(kept).hasSizeGreaterThanOrEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(output.getAll()).contains("Administrator token created at first start").doesNotContain(kept);
        try (var left = Files.list(data)) {
            assertThat(left).as("no temporary file left beside it").containsExactly(file);
        }

        AdminToken again = new AdminToken(new GatewayProperties(List.of(URI.create("http://127.0.0.1:1")),
                List.of(URI.create("http://127.0.0.1:2")), List.of(URI.create("http://127.0.0.1:3")), null, file));
        assertThat(again.matches(kept)).as("read again at the next start").isTrue();
        assertThat(output.getAll()).doesNotContain(kept);
    }

    @Test
    void a_configured_token_shorter_than_32_characters_is_refused_at_startup_without_being_shown(@TempDir Path data) {
        String shortToken = "choose-a-token-0123456789abcdef";
        assertThatThrownBy(() -> new AdminToken(properties(shortToken, data.resolve("admin-token"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CONCORD_ADMIN_TOKEN has 31 characters")
                .hasMessageContaining("at least 32")
                .message().doesNotContain(shortToken);
        assertThat(new AdminToken(properties(shortToken + "x", data.resolve("admin-token"))).matches(shortToken + "x"))
                .as("32 characters are enough").isTrue();
    }

    @Test
    void a_kept_token_shorter_than_32_characters_is_refused_at_startup(@TempDir Path data) throws Exception {
        Path file = data.resolve("admin-token");
        Files.writeString(file, "admin\n");
        assertThatThrownBy(() -> new AdminToken(properties(null, file)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("at least 32");
    }

    private static GatewayProperties properties(String adminToken, Path file) {
        return new GatewayProperties(List.of(URI.create("http://127.0.0.1:1")), List.of(URI.create("http://127.0.0.1:2")),
                List.of(URI.create("http://127.0.0.1:3")), adminToken, file);
    }
}
