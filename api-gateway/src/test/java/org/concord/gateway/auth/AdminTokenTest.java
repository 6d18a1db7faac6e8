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
}
