package org.concord.query.feed;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which webhook URLs Concord will call, and where exactly: http or https, without credentials, on an
 * allowed port (80 and 443 unless configured), to a host whose every address is globally reachable
 * ({@link SpecialPurposeAddresses}) or in a network the operator allowed. The name is resolved once per
 * check, and the delivery connects to the address that was checked, so a name that resolves differently
 * a moment later (DNS rebinding) cannot lead it elsewhere. Checked at registration and before every delivery.
 */
@Component
class WebhookAddresses {

    /** How a host name becomes addresses; the JDK's resolver, except in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Where to deliver: the URL, and the checked address to connect to, which carries the URL's host name. */
    record Target(URI uri, InetSocketAddress address) {

        boolean secure() {
            return "https".equalsIgnoreCase(uri.getScheme());
        }

        /** The Host header: the URL's authority as written. */
        String host() {
            return uri.getRawAuthority();
        }

        String pathAndQuery() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    /** Why a URL may not be called: a sentence for its owner, and the error class the delivery log records. */
    static final class Refused extends Exception {

        private final String errorClass;

        Refused(String reason, String errorClass) {
            super(reason, null, false, false);
            this.errorClass = errorClass;
        }

        String errorClass() {
            return errorClass;
        }
    }

    private final List<Network> allowedNetworks;
    private final List<PortRange> allowedPorts;
    private final Resolver resolver;

    @Autowired
    WebhookAddresses(WebhookProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    WebhookAddresses(WebhookProperties properties, Resolver resolver) {
        this.allowedNetworks = properties.allowedNetworks().stream().map(Network::parse).toList();
        this.allowedPorts = properties.allowedPorts().stream().map(PortRange::parse).toList();
        this.resolver = resolver;
    }

    /** The address to deliver {@code url} to, resolving its host once; or why it may not be called. */
    Target target(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("must be an absolute http or https URL", "URL_REFUSED");
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new Refused("must be an absolute http or https URL", "URL_REFUSED");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry credentials; the signature authenticates Concord", "URL_REFUSED");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        if (allowedPorts.stream().noneMatch(range -> range.contains(port))) {
            throw new Refused("must use port " + allowedPorts.stream().map(PortRange::toString).toList()
                    + " (concord.webhooks.allowed-ports)", "PORT_REFUSED");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new Refused("names a host that does not resolve", "DNS");
        }
        if (addresses.length == 0) {
            throw new Refused("names a host that does not resolve", "DNS");
        }
        if (!Arrays.stream(addresses).allMatch(this::allowed)) {
            throw new Refused("must not point at an address that is not globally reachable: loopback, private, shared, "
                    + "link-local, reserved, documentation, benchmarking or one of IANA's other special-purpose blocks "
                    + "(concord.webhooks.allowed-networks)", "ADDRESS_REFUSED");
        }
        return new Target(uri, new InetSocketAddress(named(host, addresses[0]), port));
    }

    private boolean allowed(InetAddress address) {
        return allowedNetworks.stream().anyMatch(network -> network.contains(address))
                || SpecialPurposeAddresses.isGloballyReachable(address);
    }

    /** The checked address, carrying the host name (for TLS's server name and its check) without a second look-up. */
    private static InetAddress named(String host, InetAddress address) throws Refused {
        boolean literal = host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        try {
            return literal ? InetAddress.getByAddress(address.getAddress())
                    : address instanceof Inet6Address ipv6 ? Inet6Address.getByAddress(host, ipv6.getAddress(), ipv6.getScopeId())
                    : InetAddress.getByAddress(host, address.getAddress());
        } catch (UnknownHostException e) {
            throw new Refused("names a host that does not resolve", "DNS");
        }
    }

    /** A port or a range of ports, {@code 443} or {@code 1024-65535}. */
    record PortRange(int from, int to) {

        PortRange {
            if (from < 1 || to > 65535 || from > to) {
                throw new IllegalArgumentException("ports are 1 to 65535, the first of a range not above the last");
            }
        }

        static PortRange parse(String text) {
            String[] ends = text.trim().split("-", -1);
            if (ends.length > 2) {
                throw new IllegalArgumentException("not a port or a range of ports: " + text + " (write 443 or 1024-65535)");
            }
            try {
                return ends.length == 1 ? new PortRange(Integer.parseInt(ends[0]), Integer.parseInt(ends[0]))
                        : new PortRange(Integer.parseInt(ends[0].trim()), Integer.parseInt(ends[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port or a range of ports: " + text + " (write 443 or 1024-65535)", e);
            }
        }

        boolean contains(int port) {
            return port >= from && port <= to;
        }

        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }
}
