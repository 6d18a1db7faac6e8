package org.concord.web.idempotency;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** An answer kept for retries without the credentials its handler marked. */
class StoredResponseTest {

    @Test
    void each_withheld_field_is_removed_and_said_to_be_withheld() {
        StoredResponse answer = new StoredResponse(201, "/things/1", "application/json",
                bytes("{\"thingId\":\"1\",\"token\":\"cnc_secret\",\"position\":7,\"tokenWithheld\":false}"));

        StoredResponse kept = answer.withholding(Set.of("token"));

        assertThat(new String(kept.body(), StandardCharsets.UTF_8)).isEqualTo("{\"thingId\":\"1\",\"position\":7,\"tokenWithheld\":true}");
        assertThat(kept.status()).isEqualTo(201);
        assertThat(kept.location()).isEqualTo("/things/1");
        assertThat(kept.contentType()).isEqualTo("application/json");
    }

    @Test
    void a_body_that_is_not_a_json_object_is_not_kept_at_all() {
        for (String body : new String[]{"cnc_secret", "[\"cnc_secret\"]", "\"cnc_secret\"", ""}) {
            StoredResponse kept = new StoredResponse(201, "/things/1", "text/plain", bytes(body)).withholding(Set.of("token"));

            assertThat(kept.body()).as(body).isEmpty();
            assertThat(kept.contentType()).isNull();
            assertThat(kept.location()).isEqualTo("/things/1");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
