package org.concord.web.identity;

import org.concord.testing.MovableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CallerIdentityCodecTest {

    private static final String SECRET = "codec-test-internal-secret";
    private static final CallerIdentity ADMIN = new CallerIdentity("admin", "Concord administration", null, null,
            "Bootstrap administrator", Set.of("ADMIN"));
    private static final SignedRequest READ = SignedRequest.withoutBody("GET", URI.create("http://query-side/api/consultations?limit=5"));

    private final MovableClock clock = new MovableClock();
    private final CallerIdentityCodec gateway = new CallerIdentityCodec(SECRET, new JsonMapper(), clock);
    private final CallerIdentityCodec service = new CallerIdentityCodec(SECRET, new JsonMapper(), clock);

    @Test
    void a_header_names_its_caller_on_the_request_it_was_signed_for() {
        assertThat(service.decode(gateway.encode(ADMIN, READ), READ)).contains(ADMIN);
    }

    @Test
    void a_header_is_refused_the_second_time() {
        String header = gateway.encode(ADMIN, READ);
        service.decode(header, READ);

        assertThat(service.decode(header, READ)).isEmpty();
    }

    @Test
    void a_header_is_refused_on_another_method_path_query_or_body() {
        SignedRequest post = post("/api/consultations", "{\"title\":\"A\"}");
        String header = gateway.encode(ADMIN, post);

        assertThat(service.decode(header, SignedRequest.withoutBody("DELETE", URI.create("/api/consultations")))).as("method").isEmpty();
        assertThat(service.decode(header, post("/api/admin/replay", "{\"title\":\"A\"}"))).as("path").isEmpty();
        assertThat(service.decode(header, post("/api/consultations?x=1", "{\"title\":\"A\"}"))).as("query").isEmpty();
        assertThat(service.decode(header, post("/api/consultations", "{\"title\":\"B\"}"))).as("body").isEmpty();
        assertThat(service.decode(header, post)).as("still good for its own request").contains(ADMIN);
    }

    @Test
    void a_header_expires_30_seconds_after_it_was_signed() {
        String header = gateway.encode(ADMIN, READ);
        String other = gateway.encode(ADMIN, READ);
        clock.advance(Duration.ofSeconds(30));
        assertThat(service.decode(header, READ)).contains(ADMIN);

        clock.advance(Duration.ofMillis(1));
        assertThat(service.decode(other, READ)).isEmpty();
    }

    @Test
    void a_header_from_a_gateway_whose_clock_runs_far_ahead_is_refused() {
        CallerIdentityCodec ahead = new CallerIdentityCodec(SECRET, new JsonMapper(), java.time.Clock.offset(clock, Duration.ofMinutes(1)));

        assertThat(service.decode(ahead.encode(ADMIN, READ), READ)).isEmpty();
    }

    @Test
    void a_header_signed_with_another_secret_or_tampered_with_is_refused() {
        String forged = new CallerIdentityCodec("another-internal-secret", new JsonMapper(), clock).encode(ADMIN, READ);
        String header = gateway.encode(ADMIN, READ);
        String tampered = "e30" + header.substring(header.indexOf('.'));

        assertThat(service.decode(forged, READ)).isEmpty();
        assertThat(service.decode(tampered, READ)).isEmpty();
        assertThat(service.decode("not a header", READ)).isEmpty();
    }

    private static SignedRequest post(String target, String body) {
        return SignedRequest.of("POST", URI.create(target), body.getBytes(StandardCharsets.UTF_8));
    }
}
