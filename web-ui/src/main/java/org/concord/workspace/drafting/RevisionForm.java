package org.concord.workspace.drafting;

import org.concord.workspace.form.FormKey;
import org.springframework.util.MultiValueMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A revision of the text as the drafter writes it: each provision's wording (edited in place) or its deletion,
 * at most one new provision inserted after one of them, the reason, and the version it is written against.
 */
record RevisionForm(int baseVersion, Map<String, String> texts, List<String> deleted, String insertAfter, String insertLabel,
                    String insertText, String reason, String formKey) {

    static RevisionForm of(ApiDrafting.Detail detail) {
        Map<String, String> texts = new LinkedHashMap<>();
        detail.provisions().forEach(provision -> texts.put(provision.provisionId(), provision.text()));
        return new RevisionForm(detail.version(), texts, List.of(), "", "", "", "", FormKey.fresh());
    }

    static RevisionForm from(MultiValueMap<String, String> data, ApiDrafting.Detail detail) {
        Map<String, String> texts = new LinkedHashMap<>();
        List<String> deleted = new ArrayList<>();
        for (ApiDrafting.Provision provision : detail.provisions()) {
            String text = data.getFirst("text-" + provision.provisionId());
            texts.put(provision.provisionId(), text == null ? provision.text() : text);
            if ("yes".equals(data.getFirst("delete-" + provision.provisionId()))) {
                deleted.add(provision.provisionId());
            }
        }
        String after = orEmpty(data.getFirst("insertAfter"));
        return new RevisionForm(number(data.getFirst("baseVersion")), texts, deleted,
                detail.provision(after) == null ? "" : after, orEmpty(data.getFirst("insertLabel")).strip(),
                orEmpty(data.getFirst("insertText")), orEmpty(data.getFirst("reason")), FormKey.sent(data.getFirst(FormKey.FIELD)));
    }

    RevisionForm again() {
        return new RevisionForm(baseVersion, texts, deleted, insertAfter, insertLabel, insertText, reason, FormKey.fresh());
    }

    boolean inserts() {
        return !insertAfter.isEmpty();
    }

    /**
     * The API's changes, in the order of the text, each with the form's field that shows its errors: a deletion,
     * or new wording where the text differs, then the insertion.
     */
    List<Change> changes(ApiDrafting.Detail detail) {
        List<Change> changes = new ArrayList<>();
        for (ApiDrafting.Provision provision : detail.provisions()) {
            String id = provision.provisionId();
            if (deleted.contains(id)) {
                changes.add(new Change(Map.of("kind", "DELETE", "provisionId", id), "delete-" + id));
            } else if (!texts.get(id).equals(provision.text())) {
                changes.add(new Change(Map.of("kind", "REPLACE", "provisionId", id, "text", texts.get(id)), "text-" + id));
            }
        }
        if (inserts()) {
            changes.add(new Change(Map.of("kind", "INSERT_AFTER", "provisionId", insertAfter, "label", insertLabel, "text", insertText),
                    "insertText"));
        }
        return changes;
    }

    /** One change for the API, and the form's field its errors belong beside. */
    record Change(Map<String, String> body, String field) {
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
