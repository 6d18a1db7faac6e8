package org.concord.workspace.form;

import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.layout.Formats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with a form that was sent: a message beside each field at fault, in the page's language, and
 * problems that belong to no field (a conflict with the consultation's state). The error summary at the top of
 * the form lists them all, each linked to its field.
 *
 * @param fields  each field's id in the form and its message
 * @param general messages that belong to no one field
 */
public record FormErrors(Map<String, Message> fields, List<Message> general) {

    /** A message and its language: the API's own sentences are English whatever the page's language. */
    public record Message(String text, String lang) {
    }

    /** One entry of the error summary: the message, and the field it links to (null for a general one). */
    public record SummaryItem(String field, Message message) {

        public String href() {
            return field == null ? null : "#" + field;
        }
    }

    public static FormErrors none() {
        return new FormErrors(Map.of(), List.of());
    }

    public boolean any() {
        return !fields.isEmpty() || !general.isEmpty();
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public Message of(String field) {
        return fields.get(field);
    }

    /** For a field's {@code aria-describedby}: its hint's id, and its error's id when it has one. */
    public String describedBy(String field, String hint) {
        String error = has(field) ? field + "-error" : null;
        if (hint == null) {
            return error;
        }
        return error == null ? hint : hint + " " + error;
    }

    public List<SummaryItem> summary() {
        List<SummaryItem> items = new ArrayList<>();
        general.forEach(message -> items.add(new SummaryItem(null, message)));
        fields.forEach((field, message) -> items.add(new SummaryItem(field, message)));
        return items;
    }

    /** Gathers what is wrong with a form, checking its fields in the order they appear. */
    public static Builder check(Formats formats) {
        return new Builder(formats);
    }

    /** Collects field and general messages; the first message of a field wins. */
    public static final class Builder {

        private final Formats formats;
        private final Map<String, Message> fields = new LinkedHashMap<>();
        private final List<Message> general = new ArrayList<>();

        private Builder(Formats formats) {
            this.formats = formats;
        }

        /** {@code field} must hold more than white space; else the message {@code key}. */
        public Builder required(String field, String value, String key) {
            if (value == null || value.isBlank()) {
                field(field, formats.message(key));
            }
            return this;
        }

        /** {@code field} may hold at most {@code max} characters (as the API counts them: UTF-16 units). */
        public Builder atMost(String field, String value, int max) {
            if (value != null && value.length() > max) {
                field(field, formats.message("form.error.tooLong", max, value.length()));
            }
            return this;
        }

        /** {@code field} is wrong when {@code wrong}; the message {@code key}. */
        public Builder when(boolean wrong, String field, String key, Object... arguments) {
            if (wrong) {
                field(field, formats.message(key, arguments));
            }
            return this;
        }

        public Builder field(String field, String message) {
            fields.putIfAbsent(field, new Message(message, formats.locale().getLanguage()));
            return this;
        }

        public Builder general(String message) {
            general.add(new Message(message, formats.locale().getLanguage()));
            return this;
        }

        /**
         * The API's refusal of the form: each field error beside the form's field it names ({@code formFields}
         * maps the API's field, e.g. {@code changes[0].text}, to the form's; a field not mapped belongs to the
         * form as a whole), translated where the workspace knows the API's sentence ({@link ApiMessages});
         * anything but a validation problem as a general message made of {@code conflictKey} and the API's
         * sentence.
         */
        public Builder refusal(ApiProblem problem, Map<String, String> formFields, String conflictKey) {
            if (!problem.errors().isEmpty()) {
                for (ApiProblem.FieldError error : problem.errors()) {
                    Message message = ApiMessages.translate(error.message(), formats);
                    String field = formFields.get(error.field());
                    if (field == null) {
                        general.add(new Message(error.field() + ": " + message.text(), message.lang()));
                    } else {
                        fields.putIfAbsent(field, message);
                    }
                }
                return this;
            }
            general.add(new Message(formats.message(conflictKey), formats.locale().getLanguage()));
            if (problem.detail() != null && !problem.detail().isBlank()) {
                general.add(new Message(problem.detail(), "en"));
            }
            return this;
        }

        public FormErrors build() {
            return new FormErrors(Collections.unmodifiableMap(new LinkedHashMap<>(fields)), List.copyOf(general));
        }

        public boolean any() {
            return !fields.isEmpty() || !general.isEmpty();
        }
    }
}
