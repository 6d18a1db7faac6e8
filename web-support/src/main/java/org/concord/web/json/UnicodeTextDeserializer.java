package org.concord.web.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Reads the strings of a request body, refusing one that is not Unicode text: JSON lets a client
 * escape half of a surrogate pair ({@code "\ud800"}), which no store or answer can keep faithfully (the
 * event store would silently write a replacement character instead).
 */
final class UnicodeTextDeserializer extends StringDeserializer {

    static final String MESSAGE = "must be valid Unicode text (it holds half of a surrogate pair)";

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String text = super.deserialize(parser, context);
        if (text != null && hasUnpairedSurrogate(text)) {
            throw new InvalidTextException(parser, MESSAGE, text);
        }
        return text;
    }

    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
