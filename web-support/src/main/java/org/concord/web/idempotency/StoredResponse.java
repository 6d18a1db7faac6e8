package org.concord.web.idempotency;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * The first answer to a request with an {@code Idempotency-Key}, as it is replayed to retries.
 *
 * @param location    the {@code Location} header, or null
 * @param contentType the {@code Content-Type} header, or null
 */
record StoredResponse(int status, String location, String contentType, byte[] body) {

    private static final byte[] NO_BODY = new byte[0];

    /**
     * This answer with each of {@code fields} removed from its JSON body and {@code <field>Withheld: true} in its
     * place. A body that is not a JSON object is not kept at all, so that what was to be withheld never is.
     */
    StoredResponse withholding(Set<String> fields) {
        JsonNode parsed;
        try {
            parsed = JsonMapper.shared().readTree(body);
        } catch (JacksonException notJson) {
            parsed = null;
        }
        if (!(parsed instanceof ObjectNode object)) {
            return new StoredResponse(status, location, null, NO_BODY);
        }
        for (String field : fields) {
            object.remove(field);
            object.put(field + "Withheld", true);
        }
        return new StoredResponse(status, location, contentType, JsonMapper.shared().writeValueAsBytes(object));
    }
}
