package org.concord.web.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.InvalidFormatException;

/** A string of a request body that is not Unicode text; the problem mapper answers it as a 400 naming the field. */
public final class InvalidTextException extends InvalidFormatException {

    private final String reason;

    InvalidTextException(JsonParser parser, String reason, String text) {
        super(parser, reason, text, String.class);
        this.reason = reason;
    }

    /** What is wrong, in words a client can act on. */
    public String reason() {
        return reason;
    }
}
