package org.concord.workspace.signin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignInControllerTest {

    @Test
    void a_sign_in_returns_only_to_a_path_of_this_site() {
        assertThat(SignInController.localPath("/consultations/x?lang=fr#p-1")).isEqualTo("/consultations/x?lang=fr#p-1");
        assertThat(SignInController.localPath(null)).isEqualTo("/");
        assertThat(SignInController.localPath("https://evil.example/")).isEqualTo("/");
        assertThat(SignInController.localPath("//evil.example/")).isEqualTo("/");
        assertThat(SignInController.localPath("/\\evil.example/")).isEqualTo("/");
        assertThat(SignInController.localPath("/a\r\nSet-Cookie: x=y")).isEqualTo("/");
        assertThat(SignInController.localPath("javascript:alert(1)")).isEqualTo("/");
        assertThat(SignInController.localPath("/%zz")).isEqualTo("/");
    }
}
