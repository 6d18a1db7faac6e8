package org.concord.query.feed;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses are globally reachable, after IANA's special-purpose address registries: every block
 * whose "Globally Reachable" is False or N/A is refused, and the few True blocks inside a refused one
 * (two IPv4 anycast addresses; AS112, AMT and ORCHIDv2 inside {@code 2001::/23}) with it, since no webhook
 * receiver lives there. An IPv6 address
 * that carries an IPv4 address a translator or relay would reach (NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) is judged by that IPv4 address, and outside the global unicast block
 * {@code 2000::/3} nothing is reachable at all (multicast, IPv4-compatible, site-local, unassigned).
 */
final class SpecialPurposeAddresses {

    /**
     * IANA IPv4 Special-Purpose Address Registry (https://www.iana.org/assignments/iana-ipv4-special-registry), the entries
     * whose Globally Reachable is False, and multicast and limited broadcast, which are not unicast.
     */
    static final List<Network> IPV4 = networks(
            "0.0.0.0/8",          // "this network", RFC 791
            "10.0.0.0/8",         // private use, RFC 1918
            "100.64.0.0/10",      // shared address space (carrier-grade NAT, cloud metadata services), RFC 6598
            "127.0.0.0/8",        // loopback, RFC 1122
            "169.254.0.0/16",     // link local, RFC 3927
            "172.16.0.0/12",      // private use, RFC 1918
            "192.0.0.0/24",       // IETF protocol assignments, RFC 6890 (with 192.0.0.9 and .10, anycast, True)
            "192.0.2.0/24",       // documentation (TEST-NET-1), RFC 5737
            "192.88.99.0/24",     // 6to4 relay anycast, RFC 3068, deprecated by RFC 7526
            "192.168.0.0/16",     // private use, RFC 1918
            "198.18.0.0/15",      // benchmarking, RFC 2544
            "198.51.100.0/24",    // documentation (TEST-NET-2), RFC 5737
            "203.0.113.0/24",     // documentation (TEST-NET-3), RFC 5737
            "224.0.0.0/4",        // multicast, RFC 5771 (IANA IPv4 Multicast Address Space Registry)
            "240.0.0.0/4",        // reserved, RFC 1112 (255.255.255.255/32, limited broadcast, RFC 919, within it)
            "255.255.255.255/32");

    /**
     * IANA IPv6 Special-Purpose Address Registry (https://www.iana.org/assignments/iana-ipv6-special-registry), the entries
     * whose Globally Reachable is False or N/A; {@code 64:ff9b::/96} and {@code 2002::/16} are judged by the
     * IPv4 address they carry instead.
     */
    static final List<Network> IPV6 = networks(
            "::/128",             // unspecified, RFC 4291
            "::1/128",            // loopback, RFC 4291
            "::ffff:0:0/96",      // IPv4-mapped, RFC 4291
            "64:ff9b:1::/48",     // IPv4-IPv6 translation for local use, RFC 8215
            "100::/64",           // discard-only, RFC 6666
            "100:0:0:1::/64",     // dummy IPv6 prefix, RFC 9780
            "2001::/23",          // IETF protocol assignments, RFC 2928: TEREDO, benchmarking, ORCHID and the rest
            "2001:db8::/32",      // documentation, RFC 3849
            "3fff::/20",          // documentation, RFC 9637
            "5f00::/16",          // segment routing (SRv6) SIDs, RFC 9602
            "fc00::/7",           // unique local, RFC 4193
            "fe80::/10");         // link-local unicast, RFC 4291

    private static final Network GLOBAL_UNICAST = Network.parse("2000::/3");
    private static final Network NAT64 = Network.parse("64:ff9b::/96");
    private static final Network SIX_TO_FOUR = Network.parse("2002::/16");

    private SpecialPurposeAddresses() {
    }

    static boolean isGloballyReachable(InetAddress address) {
        if (address instanceof Inet4Address) {
            return IPV4.stream().noneMatch(network -> network.contains(address));
        }
        byte[] bytes = address.getAddress();
        if (NAT64.contains(bytes)) {
            return isGloballyReachable(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return isGloballyReachable(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
        }
        return address instanceof Inet6Address && GLOBAL_UNICAST.contains(bytes)
                && IPV6.stream().noneMatch(network -> network.contains(bytes));
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    private static List<Network> networks(String... prefixes) {
        return Arrays.stream(prefixes).map(Network::parse).toList();
    }
}
