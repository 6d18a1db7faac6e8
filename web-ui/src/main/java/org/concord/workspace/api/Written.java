package org.concord.workspace.api;

import java.util.Map;

/**
 * What the API answered to a write: its {@code Location} (null when none) and its JSON fields, among them, for
 * every write of docs/api.md, {@code position}: the global position of the last event the write stored.
 */
public record Written(String location, Map<String, Object> fields) {

    /** The answer's {@code position}, or null when it has none. */
    public Long position() {
        return fields.get("position") instanceof Number number ? number.longValue() : null;
    }

    /** A text field of the answer ({@code commentId}, {@code amendmentId}, {@code token}), or null. */
    public String text(String field) {
        Object value = fields.get(field);
        return value == null ? null : value.toString();
    }
}
