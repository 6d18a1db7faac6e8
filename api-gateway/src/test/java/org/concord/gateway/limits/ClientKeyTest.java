package org.concord.gateway.limits;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The address a request without a token counts against: the connection's, except for a request from a
 * web-ui instance, which counts against the browser's address that web-ui names last in X-Forwarded-For.
 */
class ClientKeyTest {

    private static final InetSocketAddress WEB_UI = new InetSocketAddress(address("10.0.0.5"), 41000);
    private static final InetSocketAddress SOMEONE = new InetSocketAddress(address("198.51.100.9"), 52000);

    private final ClientKey clientKey = new ClientKey(List.of(WEB_UI.getAddress()));

    @Test
    void a_web_ui_instance_counts_a_request_against_the_address_it_forwards() {
        assertThat(clientKey.of(from(WEB_UI, "203.0.113.7"))).isEqualTo("address:203.0.113.7");
        assertThat(clientKey.of(from(WEB_UI, "2001:db8::1"))).isEqualTo("address:2001:db8:0:0:0:0:0:1");
    }

    @Test
    void of_several_forwarded_addresses_only_the_last_counts_since_the_ones_before_it_are_the_browsers_claims() {
        assertThat(clientKey.of(from(WEB_UI, "192.0.2.1, 203.0.113.7"))).isEqualTo("address:203.0.113.7");
        assertThat(clientKey.of(from(WEB_UI, "192.0.2.1", "203.0.113.7 "))).isEqualTo("address:203.0.113.7");
    }

    @Test
    void anyone_elses_forwarded_address_is_ignored() {
        assertThat(clientKey.of(from(SOMEONE, "203.0.113.7"))).isEqualTo("address:198.51.100.9");
        assertThat(new ClientKey(List.of()).of(from(WEB_UI, "203.0.113.7"))).isEqualTo("address:10.0.0.5");
    }

    @Test
    void a_forwarded_address_that_is_not_an_ip_literal_counts_as_the_web_ui_itself() {
        for (String malformed : List.of("", "unknown", "localhost", "203.0.113.7, not-an-address", "203.0.113.7:8080",
                "999.1.1.1", "203.0.113.7,")) {
            assertThat(clientKey.of(from(WEB_UI, malformed))).as(malformed).isEqualTo("address:10.0.0.5");
        }
        assertThat(clientKey.of(from(WEB_UI))).isEqualTo("address:10.0.0.5");
    }

    @Test
    void on_the_api_a_token_counts_before_any_address_but_a_workspace_page_counts_against_the_address() {
        MockServerHttpRequest api = MockServerHttpRequest.get("/api/consultations").remoteAddress(WEB_UI)
                .header("X-Forwarded-For", "203.0.113.7").header("Authorization", "Bearer one").build();
        assertThat(clientKey.of(api)).startsWith("token:");
        // no token is checked for a page: a made-up one per request must not escape the address's limit
        MockServerHttpRequest page = MockServerHttpRequest.get("/consultations").remoteAddress(SOMEONE)
                .header("Authorization", "Bearer made-up").build();
        assertThat(clientKey.of(page)).isEqualTo("address:198.51.100.9");
    }

    @Test
    void the_web_ui_instances_are_trusted_by_the_addresses_of_their_hosts() {
        ClientKey fromSettings = ClientKey.trusting(List.of(URI.create("http://127.0.0.1:8090"), URI.create("http://[::1]:8091")));
        assertThat(fromSettings.of(from(new InetSocketAddress(address("127.0.0.1"), 40000), "203.0.113.7")))
                .isEqualTo("address:203.0.113.7");
        assertThat(fromSettings.of(from(new InetSocketAddress(address("::1"), 40000), "203.0.113.8")))
                .isEqualTo("address:203.0.113.8");
        assertThat(fromSettings.of(from(new InetSocketAddress(address("127.0.0.2"), 40000), "203.0.113.7")))
                .isEqualTo("address:127.0.0.2");
    }

    private static MockServerHttpRequest from(InetSocketAddress remote, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/consultations").remoteAddress(remote);
        if (forwardedFor.length > 0) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return request.build();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
