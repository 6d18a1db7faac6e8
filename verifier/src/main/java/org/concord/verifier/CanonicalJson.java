package org.concord.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import org.erdtman.jcs.JsonCanonicalizer;
import org.erdtman.jcs.NumberToJSON;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * RFC 8785 (JSON Canonicalization Scheme): one byte sequence for one JSON value, whatever the key
 * order, whitespace or number spelling it was written with, so that the log hashes values and not
 * their serialisation.
 */
public final class CanonicalJson {

    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Integers up to this size are doubles exactly, and ECMAScript writes them as their digits. */
    private static final long EXACT_INTEGERS = 1L << 53;

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

    /**
     * The canonical UTF-8 form of a JSON tree, written straight from the tree: the same bytes as
     * {@code canonicalize(its text)}, without writing the text and parsing it again (the log's builder did that for
     * every entry; docs/benchmarks.md). It writes as the library does: keys in UTF-16 order, the library's string
     * escapes, numbers as ECMAScript doubles with the library's own formatting. A tree holding what its text would
     * carry differently (a number that is not finite, a float, a decimal, a node that is not JSON) takes the text's
     * path, and so fails where that path fails.
     */
    public static byte[] canonicalize(JsonNode tree) {
        StringBuilder out = new StringBuilder(256);
        if (write(tree, out)) {
            // as the library encodes its result
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return canonicalize(STRICT.writeValueAsBytes(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not canonicalizable JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes the value's canonical form; false, with {@code out} half-written, when it must take the text's path. */
    private static boolean write(JsonNode value, StringBuilder out) {
        switch (value.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>(value.size());
                value.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    writeString(names.get(i), out);
                    out.append(':');
                    if (!write(value.get(names.get(i)), out)) {
                        return false;
                    }
                }
                out.append('}');
                return true;
            }
            case ARRAY -> {
                out.append('[');
                Iterator<JsonNode> elements = value.elements();
                for (int i = 0; elements.hasNext(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    if (!write(elements.next(), out)) {
                        return false;
                    }
                }
                out.append(']');
                return true;
            }
            case STRING -> {
                writeString(value.textValue(), out);
                return true;
            }
            case NUMBER -> {
                return writeNumber(value, out);
            }
            case BOOLEAN -> {
                out.append(value.booleanValue());
                return true;
            }
            case NULL -> {
                out.append("null");
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * A number as the library writes what it parses: the double nearest to it, in ECMAScript's form. Java's
     * conversions of an integer and of a decimal text to double both round to nearest, so the double is the same.
     */
    private static boolean writeNumber(JsonNode number, StringBuilder out) {
        if (number instanceof IntNode || number instanceof LongNode || number instanceof ShortNode) {
            long integer = number.longValue();
            if (-EXACT_INTEGERS <= integer && integer <= EXACT_INTEGERS) {
                out.append(integer);
                return true;
            }
        } else if (!(number instanceof BigIntegerNode || number instanceof DoubleNode)) {
            return false;
        }
        double value = number.doubleValue();
        if (!Double.isFinite(value)) {
            return false;
        }
        try {
            out.append(NumberToJSON.serializeNumber(value));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A string with the library's escapes. A lone surrogate is kept as it is: Jackson writes it as a {@code \\u}
     * escape, the library reads that back, and both end in the same UTF-8 encoding of the whole text.
     */
    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"', '\\' -> out.append('\\').append(c);
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
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
