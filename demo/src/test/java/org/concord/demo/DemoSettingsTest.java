package org.concord.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoSettingsTest {

    @TempDir
    Path data;

    @Test
    void the_admin_token_comes_from_the_environment_before_the_file() throws IOException {
        Files.writeString(data.resolve("admin-token"), "from-file\n");

        DemoSettings fromEnv = DemoSettings.from(new String[0], Map.of("CONCORD_DATA_DIR", data.toString(),
                "CONCORD_ADMIN_TOKEN", "from-env"));
        DemoSettings fromFile = DemoSettings.from(new String[0], Map.of("CONCORD_DATA_DIR", data.toString()));

        assertThat(fromEnv.adminToken()).isEqualTo("from-env");
        assertThat(fromFile.adminToken()).isEqualTo("from-file");
        assertThat(fromFile.gateway()).isEqualTo(URI.create("http://localhost:8080"));
    }

    @Test
    void arguments_override_the_environment() {
        DemoSettings settings = DemoSettings.from(new String[]{"--gateway", "http://127.0.0.1:18080/", "--data-dir=" + data},
                Map.of("CONCORD_GATEWAY_URL", "http://elsewhere:1", "CONCORD_ADMIN_TOKEN", "t"));

        assertThat(settings.gateway()).isEqualTo(URI.create("http://127.0.0.1:18080"));
        assertThat(settings.dataDir()).isEqualTo(data);
    }

    @Test
    void without_any_admin_token_the_error_says_where_to_put_one() {
        assertThatThrownBy(() -> DemoSettings.from(new String[0], Map.of("CONCORD_DATA_DIR", data.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CONCORD_ADMIN_TOKEN").hasMessageContaining("admin-token");
    }

    @Test
    void an_unknown_argument_is_refused() {
        assertThatThrownBy(() -> DemoSettings.from(new String[]{"--fast"}, Map.of("CONCORD_ADMIN_TOKEN", "t")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--fast");
    }
}
