package org.concord.workspace.form;

import org.concord.workspace.layout.Formats;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's sentences for what is wrong with a field, in the page's language where the workspace knows them
 * (bundle {@code forms}, keys {@code form.api.*}); any other stays the API's English, marked as such so that a
 * screen reader reads it in English.
 */
final class ApiMessages {

    private record Known(Pattern pattern, String key) {
    }

    private static final List<Known> KNOWN = List.of(
            new Known(Pattern.compile("must not be blank"), "form.api.blank"),
            new Known(Pattern.compile("must not be blank for .*"), "form.api.blank"),
            new Known(Pattern.compile("must not be null"), "form.api.blank"),
            new Known(Pattern.compile("must be in the future"), "form.api.future"),
            new Known(Pattern.compile("size must be between (\\d+) and (\\d+)"), "form.api.size"),
            new Known(Pattern.compile("must be a number like 1, 2\\.a or 2\\.a\\.i"), "form.api.label"),
            new Known(Pattern.compile("must be between 1 and the current version (\\d+)"), "form.api.baseVersion"),
            new Known(Pattern.compile("must be valid Unicode text.*"), "form.api.unicode"));

    private ApiMessages() {
    }

    static FormErrors.Message translate(String message, Formats formats) {
        if (message != null) {
            for (Known known : KNOWN) {
                Matcher matcher = known.pattern().matcher(message);
                if (matcher.matches()) {
                    Object[] arguments = new Object[matcher.groupCount()];
                    for (int i = 0; i < arguments.length; i++) {
                        arguments[i] = Long.valueOf(matcher.group(i + 1));
                    }
                    return new FormErrors.Message(formats.message(known.key(), arguments), formats.locale().getLanguage());
                }
            }
        }
        return new FormErrors.Message(message == null ? "" : message, "en");
    }
}
