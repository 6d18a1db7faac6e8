package org.concord.workspace.form;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The key a form is given when it is rendered, sent with it as a hidden field {@code formKey} and passed to
 * the API as the write's {@code Idempotency-Key}: a form sent twice (a double click, a retry after a lost
 * answer, the back button) is done once. A form refused is rendered again with a new key, since the API keeps
 * a refusal under its key and a corrected form is another request.
 */
public final class FormKey {

    public static final String FIELD = "formKey";
    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private FormKey() {
    }

    public static String fresh() {
        return UUID.randomUUID().toString();
    }

    /**
     * The key a form came back with, if it has the shape of one this workspace makes; otherwise a fresh one
     * (a form without its key is still done once per send).
     */
    public static String sent(String value) {
        return value != null && SHAPE.matcher(value).matches() ? value : fresh();
    }

    /** The {@code Idempotency-Key} of the API for a form's key. */
    public static String idempotencyKey(String formKey) {
        return "web-form-" + formKey;
    }
}
