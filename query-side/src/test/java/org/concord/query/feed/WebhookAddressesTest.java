package org.concord.query.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which webhook URLs are called, and where: IANA's special-purpose blocks refused, the web's ports only, one look-up. */
class WebhookAddressesTest {

    private static final WebhookProperties AS_DEPLOYED = properties(List.of(), List.of("80", "443"));

    @ParameterizedTest
    @ValueSource(strings = {
            "100.64.0.1", "100.100.100.200", "100.127.255.255", // shared address space, a cloud's metadata service among it
            "198.18.0.1", "198.19.255.255",                    // benchmarking
            "192.0.0.1", "192.0.0.170",                        // IETF protocol assignments
            "240.0.0.1", "255.255.255.255",                    // reserved, limited broadcast
            "0.0.0.0", "10.1.2.3", "127.0.0.1", "169.254.169.254", "172.16.0.1", "192.168.1.1", "224.0.0.1",
            "192.0.2.1", "198.51.100.1", "203.0.113.1", "192.88.99.1",
            "64:ff9b::a9fe:a9fe", "64:ff9b::a00:1", "64:ff9b::7f00:1", // NAT64 of link-local, private, loopback
            "2002:a00:1::1", "2002:7f00:1::", "2002:a9fe:a9fe::1",    // 6to4 of private, loopback, link-local
            "::ffff:169.254.169.254", "::ffff:10.0.0.1",              // IPv4-mapped
            "::10.0.0.1", "::8.8.8.8",                                // IPv4-compatible (deprecated, outside 2000::/3)
            "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "fec0::1", "ff02::1",
            "64:ff9b:1::1", "100::1", "2001::1", "2001:2::1", "2001:db8::1", "3fff::1", "5f00::1"})
    void an_address_that_is_not_globally_reachable_is_refused(String address) {
        assertThat(SpecialPurposeAddresses.isGloballyReachable(literal(address))).isFalse();
        assertThatThrownBy(() -> new WebhookAddresses(AS_DEPLOYED).target("https://" + bracketed(address) + "/hook"))
                .isInstanceOf(WebhookAddresses.Refused.class)
                .hasMessageContaining("not globally reachable")
                .extracting(refused -> ((WebhookAddresses.Refused) refused).errorClass()).isEqualTo("ADDRESS_REFUSED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9.9.9.9", "100.63.255.255", "100.128.0.1", "198.17.255.255", "198.20.0.1", "192.0.1.1",
            "223.255.255.255", "2620:fe::fe", "2a00:1450:4001:80b::200e", "64:ff9b::909:909", "2002:909:909::1",
            "::ffff:9.9.9.9"})
    void a_globally_reachable_address_is_accepted(String address) throws Exception {
        assertThat(SpecialPurposeAddresses.isGloballyReachable(literal(address))).isTrue();
        assertThat(new WebhookAddresses(AS_DEPLOYED).target("https://" + bracketed(address) + "/hook").address().getAddress())
                .isEqualTo(literal(address));
    }

    @Test
    void a_name_is_refused_when_any_of_its_addresses_is_not_globally_reachable() {
        WebhookAddresses addresses = new WebhookAddresses(AS_DEPLOYED, host -> new InetAddress[]{literal("9.9.9.9"), literal("100.100.100.200")});

        assertThatThrownBy(() -> addresses.target("https://hooks.example.org/concord")).isInstanceOf(WebhookAddresses.Refused.class);
    }

    @Test
    void only_the_ports_of_the_web_are_called_unless_others_are_allowed() throws Exception {
        WebhookAddresses addresses = new WebhookAddresses(AS_DEPLOYED);

        assertThat(addresses.target("http://9.9.9.9/hook").address().getPort()).isEqualTo(80);
        assertThat(addresses.target("https://9.9.9.9/hook").address().getPort()).isEqualTo(443);
        assertThat(addresses.target("http://9.9.9.9:443/hook").address().getPort()).isEqualTo(443);
        for (String url : List.of("http://9.9.9.9:22/", "https://9.9.9.9:8443/", "http://9.9.9.9:6379/", "http://9.9.9.9:0/")) {
            assertThatThrownBy(() -> addresses.target(url)).as(url).isInstanceOf(WebhookAddresses.Refused.class)
                    .hasMessageContaining("concord.webhooks.allowed-ports");
        }
        assertThat(new WebhookAddresses(properties(List.of(), List.of("443", "8000-8999"))).target("https://9.9.9.9:8443/").address().getPort())
                .isEqualTo(8443);
    }

    @Test
    void an_allowed_network_is_called_although_it_is_not_globally_reachable_and_nothing_else_is() throws Exception {
        WebhookAddresses addresses = new WebhookAddresses(properties(List.of("127.0.0.0/8", "fd00:1::/64"), List.of("1024-65535")));

        assertThat(addresses.target("http://127.0.0.1:8090/hook").address().getAddress()).isEqualTo(literal("127.0.0.1"));
        assertThat(addresses.target("http://[fd00:1::5]:8090/hook").address().getAddress()).isEqualTo(literal("fd00:1::5"));
        assertThatThrownBy(() -> addresses.target("http://10.0.0.1:8090/hook")).isInstanceOf(WebhookAddresses.Refused.class);
        assertThatThrownBy(() -> addresses.target("http://[fd00:2::5]:8090/hook")).isInstanceOf(WebhookAddresses.Refused.class);
    }

    @Test
    void the_name_is_resolved_once_and_the_target_is_the_checked_address_carrying_the_name() throws Exception {
        AtomicInteger lookUps = new AtomicInteger();
        WebhookAddresses addresses = new WebhookAddresses(AS_DEPLOYED, host -> {
            lookUps.incrementAndGet();
            return new InetAddress[]{literal("9.9.9.9")};
        });

        WebhookAddresses.Target target = addresses.target("https://hooks.example.org/concord?x=1#part");

        assertThat(lookUps).hasValue(1);
        assertThat(target.address().isUnresolved()).isFalse();
        assertThat(target.address().getAddress().getAddress()).isEqualTo(literal("9.9.9.9").getAddress());
        assertThat(target.address().getHostString()).isEqualTo("hooks.example.org");
        assertThat(target.host()).isEqualTo("hooks.example.org");
        assertThat(target.pathAndQuery()).isEqualTo("/concord?x=1");
    }

    @Test
    void urls_that_are_not_http_or_carry_credentials_or_do_not_resolve_are_refused() {
        WebhookAddresses addresses = new WebhookAddresses(AS_DEPLOYED, host -> {
            throw new UnknownHostException(host);
        });

        for (String url : List.of("ftp://9.9.9.9/", "/relative", "https://user:pw@9.9.9.9/", "not a url", "https://hooks.example.org/")) {
            assertThatThrownBy(() -> addresses.target(url)).as(url).isInstanceOf(WebhookAddresses.Refused.class);
        }
    }

    @Test
    void a_misconfigured_network_or_port_stops_the_start() {
        assertThatThrownBy(() -> new WebhookAddresses(properties(List.of("intranet.example"), List.of("80"))))
                .hasMessageContaining("intranet.example");
        assertThatThrownBy(() -> new WebhookAddresses(properties(List.of(), List.of("http")))).hasMessageContaining("http");
        assertThatThrownBy(() -> new WebhookAddresses(properties(List.of(), List.of("0-80")))).hasMessageContaining("1 to 65535");
    }

    static WebhookProperties properties(List<String> allowedNetworks, List<String> allowedPorts) {
        return new WebhookProperties(allowedNetworks, allowedPorts, 20, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(10), 4, Duration.ofSeconds(30), 200);
    }

    private static String bracketed(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
