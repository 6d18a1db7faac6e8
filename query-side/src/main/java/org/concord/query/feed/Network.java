package org.concord.query.feed;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A block of addresses written as a prefix, {@code 100.64.0.0/10} or {@code 2002::/16}, IPv4 or IPv6. */
record Network(byte[] prefix, int length) {

    Network {
        if (length < 0 || length > prefix.length * 8) {
            throw new IllegalArgumentException("a prefix length from 0 to " + prefix.length * 8);
        }
        prefix = prefix.clone();
    }

    /**
     * Parses {@code address/length} (a lone address is its own /32 or /128). Only literal addresses are
     * taken, so nothing is ever looked up.
     */
    static Network parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2 || !isLiteral(parts[0])) {
            throw new IllegalArgumentException("not a network: " + text + " (write it as 100.64.0.0/10 or 2002::/16)");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not a network: " + text, e);
        }
        if (parts[0].contains(":") && address.length == 4) {
            // the JDK reads an IPv4-mapped IPv6 address as the IPv4 address; a prefix must keep its 16 bytes
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(address, 0, mapped, 12, 4);
            address = mapped;
        }
        int length = parts.length == 1 ? address.length * 8 : Integer.parseInt(parts[1]);
        return new Network(address, length);
    }

    private static boolean isLiteral(String host) {
        return !host.isEmpty() && (host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
    }

    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        if (address.length != prefix.length) {
            return false;
        }
        int bits = prefix.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE.shiftLeft(bits - length));
        return new BigInteger(1, address).and(mask).equals(new BigInteger(1, prefix).and(mask));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Network network && network.length == length && Arrays.equals(network.prefix, prefix);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(prefix) + length;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(prefix).getHostAddress() + "/" + length;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes", e);
        }
    }
}
