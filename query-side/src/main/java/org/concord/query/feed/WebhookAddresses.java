package org.concord.query.feed;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which webhook URLs Concord will call: http or https, with a host, and, unless private addresses are
 * allowed, one whose every address is public, so that a webhook cannot be used to reach the operator's
 * own network. Checked at registration and again before every delivery (a name may resolve differently later).
 */
final class WebhookAddresses {

    private WebhookAddresses() {
    }

    /** Why the URL may not be called, or empty when it may. */
    static Optional<String> refusal(String url, boolean allowPrivate) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not carry credentials; the signature authenticates Concord");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isPrivate(address)) {
                    return Optional.of("must not point at a loopback, private or link-local address (concord.webhooks.allow-private-addresses)");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        return Optional.empty();
    }

    private static boolean isPrivate(InetAddress address) {
        boolean uniqueLocal = address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal;
    }
}
