package org.concord.workspace.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenSealTest {

    @Test
    void the_key_that_sealed_a_token_opens_it() {
        String key = TokenSeal.newKey();
        String sealed = TokenSeal.seal(key, "cnc_token-Ω");
        assertThat(sealed).doesNotContain("cnc_token");
        assertThat(TokenSeal.open(key, sealed)).contains("cnc_token-Ω");
    }

    @Test
    void another_key_a_changed_seal_or_a_malformed_key_opens_nothing() {
        String key = TokenSeal.newKey();
        String sealed = TokenSeal.seal(key, "cnc_token");
        assertThat(TokenSeal.open(TokenSeal.newKey(), sealed)).isEmpty();
        char[] changed = sealed.toCharArray();
        changed[changed.length / 2] = changed[changed.length / 2] == 'A' ? 'B' : 'A';
        assertThat(TokenSeal.open(key, new String(changed))).isEmpty();
        assertThat(TokenSeal.open("short", sealed)).isEmpty();
        assertThat(TokenSeal.open(key, "not base64 !")).isEmpty();
        assertThat(TokenSeal.open(null, sealed)).isEmpty();
    }

    @Test
    void two_seals_of_one_token_differ() {
        String key = TokenSeal.newKey();
        assertThat(TokenSeal.seal(key, "cnc_token")).isNotEqualTo(TokenSeal.seal(key, "cnc_token"));
    }
}
