package org.concord.verifier;

import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 8785 (JSON Canonicalization Scheme): one byte sequence for one JSON value, whatever the key
 * order, whitespace or number spelling it was written with, so that the log hashes values and not
 * their serialisation.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /** The canonical UTF-8 form of the JSON text; IllegalArgumentException when it is not JSON. */
    public static byte[] canonicalize(byte[] json) {
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not canonicalizable JSON: " + e.getMessage(), e);
        }
    }

    public static byte[] canonicalize(String json) {
        return canonicalize(json.getBytes(StandardCharsets.UTF_8));
    }
}
