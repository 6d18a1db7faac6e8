package org.concord.workspace.amendment;

import org.concord.workspace.form.FormKey;
import org.springframework.util.MultiValueMap;

import java.util.List;

/**
 * What the amendment form holds: the provision, the kind of change, the version the delegate wrote against,
 * the new wording (REPLACE, INSERT_AFTER), the new provision's label (INSERT_AFTER), the justification, and
 * the form's key. A form shown again for a preview keeps its key: it is still the same proposal.
 */
record AmendmentForm(String provisionId, String kind, int baseVersion, String text, String label, String justification,
                     String formKey) {

    static final List<String> KINDS = List.of("REPLACE", "INSERT_AFTER", "DELETE");
    static final int MAX_TEXT = 20_000;
    static final int MAX_JUSTIFICATION = 5_000;
    static final int MAX_LABEL = 32;

    static AmendmentForm from(MultiValueMap<String, String> data) {
        String kind = data.getFirst("kind");
        return new AmendmentForm(trimmed(data.getFirst("provisionId")), KINDS.contains(kind) ? kind : "REPLACE",
                number(data.getFirst("baseVersion")), orEmpty(data.getFirst("text")), trimmed(data.getFirst("label")),
                orEmpty(data.getFirst("justification")), FormKey.sent(data.getFirst(FormKey.FIELD)));
    }

    AmendmentForm again() {
        return new AmendmentForm(provisionId, kind, baseVersion, text, label, justification, FormKey.fresh());
    }

    /** The same proposal, written against {@code version}: another request, so another key. */
    AmendmentForm against(int version) {
        return new AmendmentForm(provisionId, kind, version, text, label, justification, FormKey.fresh());
    }

    boolean replace() {
        return "REPLACE".equals(kind);
    }

    boolean insert() {
        return "INSERT_AFTER".equals(kind);
    }

    boolean delete() {
        return "DELETE".equals(kind);
    }

    ApiAmendments.NewAmendment request() {
        return new ApiAmendments.NewAmendment(kind, provisionId, baseVersion, delete() ? null : text,
                insert() ? label : null, justification);
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static int number(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
