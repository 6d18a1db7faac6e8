package org.concord.verifier;

import java.util.HexFormat;

/** Lowercase hexadecimal, the form every hash of the log takes in JSON. */
public final class Hex {

    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** Parses hex of either case; throws IllegalArgumentException on anything else, an odd length included. */
    public static byte[] parse(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("no hex given");
        }
        return LOWER.parseHex(hex);
    }
}
