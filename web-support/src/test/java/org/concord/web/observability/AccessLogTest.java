package org.concord.web.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogTest {

    @Test
    void an_internal_path_is_shown_without_what_follows_its_first_segment() {
        assertThat(AccessLog.shown("/internal/credentials/c7b1e664b32f4845")).isEqualTo("/internal/credentials/…");
        assertThat(AccessLog.shown("/internal/credentials")).isEqualTo("/internal/credentials");
        assertThat(AccessLog.shown("/api/consultations/c/comments")).isEqualTo("/api/consultations/c/comments");
    }
}
