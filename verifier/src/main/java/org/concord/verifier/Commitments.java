package org.concord.verifier;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Salted commitments to the hidden parts of a log entry: the entry that is hashed holds
 * {@code {"committed":"<hex>"}} in place of a hidden value, so the tree can be checked by anyone while
 * the value is shown, with its salt, only to a caller entitled to it.
 */
public final class Commitments {

    /** The one field of a placeholder. */
    public static final String FIELD = "committed";

    private Commitments() {
    }

    /** A hidden part shown: the JSON Pointer of its placeholder in the entry, the salt (hex) and the value. */
    public record Reveal(String path, String salt, JsonNode value) {
    }

    /** SHA-256(salt || JCS(value)), lowercase hex; value is JSON text. */
    public static String commit(byte[] salt, byte[] jsonValue) {
        return digest(salt, CanonicalJson.canonicalize(jsonValue));
    }

    /** SHA-256(salt || JCS(value)), lowercase hex, the canonical form written straight from the tree. */
    public static String commit(byte[] salt, JsonNode value) {
        return digest(salt, CanonicalJson.canonicalize(value));
    }

    private static String digest(byte[] salt, byte[] canonical) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        sha.update(salt);
        sha.update(canonical);
        return Hex.of(sha.digest());
    }

    /**
     * Checks each reveal against the committed placeholder at its JSON Pointer in the entry; returns problems (empty =
     * ok). A hidden part may lie inside another (a Chatham House author inside a RESTRICTED payload): a reveal that
     * matches puts its value in place, in a copy of the entry, so that the parts inside it can be checked in turn.
     */
    public static List<String> check(JsonNode entry, List<Reveal> reveals) {
        JsonNode opened = entry.deepCopy();
        List<Reveal> pending = new ArrayList<>(reveals);
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (Iterator<Reveal> each = pending.iterator(); each.hasNext(); ) {
                Reveal reveal = each.next();
                if (problemOf(opened, reveal) == null) {
                    putInPlace(opened, reveal);
                    each.remove();
                    progress = true;
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (Reveal reveal : pending) {
            problems.add("revealed " + reveal.path() + ": " + problemOf(opened, reveal));
        }
        return problems;
    }

    private static void putInPlace(JsonNode entry, Reveal reveal) {
        JsonPointer pointer = JsonPointer.compile(reveal.path());
        JsonNode parent = entry.at(pointer.head());
        if (parent instanceof ObjectNode object) {
            object.set(pointer.last().getMatchingProperty(), reveal.value().deepCopy());
        } else if (parent instanceof ArrayNode array) {
            array.set(pointer.last().getMatchingIndex(), reveal.value().deepCopy());
        }
    }

    private static String problemOf(JsonNode entry, Reveal reveal) {
        if (reveal.path() == null || reveal.salt() == null || reveal.value() == null) {
            return "path, salt and value are all needed";
        }
        JsonNode placeholder;
        try {
            placeholder = entry.at(reveal.path());
        } catch (IllegalArgumentException e) {
            return "not a JSON Pointer";
        }
        if (!placeholder.isObject() || placeholder.size() != 1 || !placeholder.path(FIELD).isTextual()) {
            return "the entry holds no commitment there";
        }
        byte[] salt;
        try {
            salt = Hex.parse(reveal.salt());
        } catch (IllegalArgumentException e) {
            return "the salt is not hex";
        }
        String expected;
        try {
            expected = commit(salt, reveal.value());
        } catch (IllegalArgumentException e) {
            return "the value is not JSON that can be canonicalized";
        }
        if (!expected.equalsIgnoreCase(placeholder.get(FIELD).asText())) {
            return "the value and salt do not match the commitment";
        }
        return null;
    }
}
