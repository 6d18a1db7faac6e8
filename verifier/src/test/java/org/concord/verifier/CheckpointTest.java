package org.concord.verifier;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.assertj.core.api.Assertions.assertThat;

/** A checkpoint's signature covers its tree size, root and time, under the log's key only; keys survive PEM. */
class CheckpointTest {

    private static final String ROOT = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
    private static final String TIME = "2026-12-06T02:15:43.120Z";

    private static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @Test
    void theSignedMessageIsTheDocumentedText() {
        Checkpoint checkpoint = new Checkpoint(8, ROOT, TIME, "");
        assertThat(new String(checkpoint.signedMessage(), StandardCharsets.UTF_8))
                .isEqualTo("concord-log-checkpoint/v1\n8\n" + ROOT + "\n" + TIME + "\n");
    }

    @Test
    void aSignedCheckpointVerifiesUnderItsKeyAndNoOther() throws Exception {
        KeyPair keys = ed25519();
        Checkpoint signed = Checkpoint.sign(8, ROOT, TIME, keys.getPrivate());
        assertThat(signed.verify(keys.getPublic())).isTrue();
        assertThat(signed.verify(ed25519().getPublic())).isFalse();
        assertThat(new Checkpoint(9, ROOT, TIME, signed.signature()).verify(keys.getPublic())).isFalse();
        assertThat(new Checkpoint(8, ROOT.replace('5', '6'), TIME, signed.signature()).verify(keys.getPublic())).isFalse();
        assertThat(new Checkpoint(8, ROOT, "2026-12-06T02:15:44.120Z", signed.signature()).verify(keys.getPublic())).isFalse();
        assertThat(new Checkpoint(8, ROOT, TIME, "not base64!").verify(keys.getPublic())).isFalse();
        assertThat(new Checkpoint(8, ROOT, TIME, null).verify(keys.getPublic())).isFalse();
    }

    @Test
    void keysSurvivePem() throws Exception {
        KeyPair keys = ed25519();
        String publicPem = Keys.publicPem(keys.getPublic());
        String privatePem = Keys.privatePem(keys.getPrivate());
        assertThat(publicPem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");

        Checkpoint signed = Checkpoint.sign(1, ROOT, TIME, Keys.readPrivatePem(privatePem));
        assertThat(signed.verify(Keys.readPublicPem(publicPem))).isTrue();
        assertThat(Keys.readPublicPem(publicPem.replace("\n", "\r\n")).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    }
}
