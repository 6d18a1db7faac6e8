package org.concord.verifier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.erdtman.jcs.JsonCanonicalizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RFC 8785 (JSON Canonicalization Scheme): one byte sequence for one JSON value, whatever the key
 * order, whitespace or number spelling it was written with, so that the log hashes values and not
 * their serialisation.
 */
public final class CanonicalJson {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CanonicalJson() {
    }

    /**
     * The canonical UTF-8 form of the JSON text, any JSON value (a committed part may be a string or a number);
     * IllegalArgumentException when it is not JSON.
     */
    public static byte[] canonicalize(byte[] json) {
        try {
            if (startsAsObjectOrArray(json)) {
                return new JsonCanonicalizer(json).getEncodedUTF8();
            }
            // the library takes only an object or an array: a single value is the one element of an array, whose
            // canonical form is "[" + the value's + "]"
            JsonNode value = STRICT.readTree(json);
            if (value == null || value.isMissingNode() || value.isContainerNode()) {
                throw new IllegalArgumentException("not canonicalizable JSON: no single value");
            }
            byte[] wrapped = new byte[json.length + 2];
            wrapped[0] = '[';
            System.arraycopy(json, 0, wrapped, 1, json.length);
            wrapped[wrapped.length - 1] = ']';
            byte[] canonical = new JsonCanonicalizer(wrapped).getEncodedUTF8();
            return Arrays.copyOfRange(canonical, 1, canonical.length - 1);
        } catch (IOException | RuntimeException e) {
            throw e instanceof IllegalArgumentException refused ? refused
                    : new IllegalArgumentException("not canonicalizable JSON: " + e.getMessage(), e);
        }
    }

    public static byte[] canonicalize(String json) {
        return canonicalize(json.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean startsAsObjectOrArray(byte[] json) {
        for (byte b : json) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b == '{' || b == '[';
            }
        }
        return false;
    }
}
