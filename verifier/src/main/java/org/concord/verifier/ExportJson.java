package org.concord.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/** Reading the log's JSON (export lines, checkpoints, receipts, reveals) with messages that say which field is wrong. */
final class ExportJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ExportJson() {
    }

    /** IllegalArgumentException when the text is not one JSON value. */
    static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** The leaf hash of an entry as the log makes it: SHA-256 over 0x00 and the entry's RFC 8785 form. */
    static byte[] leafHashOf(JsonNode entry) {
        return Merkle.leafHash(CanonicalJson.canonicalize(entry));
    }

    static Checkpoint checkpoint(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("a checkpoint is a JSON object");
        }
        JsonNode size = json.get("treeSize");
        if (size == null || !size.canConvertToExactIntegral() || size.asLong() < 0) {
            throw new IllegalArgumentException("a checkpoint's treeSize is a whole number of 0 or more");
        }
        return new Checkpoint(size.asLong(), text(json, "rootHash", "a checkpoint"),
                text(json, "timestamp", "a checkpoint"), text(json, "signature", "a checkpoint"));
    }

    static List<Commitments.Reveal> reveals(JsonNode revealed) {
        List<Commitments.Reveal> reveals = new ArrayList<>();
        if (revealed == null || revealed.isNull()) {
            return reveals;
        }
        if (!revealed.isArray()) {
            throw new IllegalArgumentException("\"revealed\" is an array");
        }
        for (JsonNode r : revealed) {
            reveals.add(new Commitments.Reveal(text(r, "path", "a reveal"), text(r, "salt", "a reveal"), r.get("value")));
        }
        return reveals;
    }

    static byte[] hash(JsonNode json, String field, String what) {
        String hex = text(json, field, what);
        byte[] hash;
        try {
            hash = Hex.parse(hex);
        } catch (IllegalArgumentException e) {
            hash = new byte[0];
        }
        if (hash.length != Merkle.HASH_SIZE) {
            throw new IllegalArgumentException(what + "'s " + field + " is not " + Merkle.HASH_SIZE + " bytes of hex");
        }
        return hash;
    }

    static String text(JsonNode json, String field, String what) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(what + " has no text \"" + field + "\"");
        }
        return value.asText();
    }

    /** A whole number, or null for JSON null; IllegalArgumentException when missing or anything else. */
    static Long wholeOrNull(JsonNode json, String field, String what) {
        JsonNode value = json.get(field);
        if (value == null) {
            throw new IllegalArgumentException(what + " has no \"" + field + "\"");
        }
        if (value.isNull()) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || !value.isNumber()) {
            throw new IllegalArgumentException(what + "'s \"" + field + "\" is not a whole number");
        }
        return value.asLong();
    }
}
