package org.concord.workspace.drafting;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RevisionFormTest {

    private static final ApiDrafting.Detail DETAIL = new ApiDrafting.Detail("c", "Code", "CLOSED", 4, null, List.of(
            new ApiDrafting.Provision("p1", "1", "One."), new ApiDrafting.Provision("p2", "2", "Two."),
            new ApiDrafting.Provision("p3", "3", "Three.")));

    @Test
    void only_what_differs_is_a_change_in_the_order_of_the_text_then_the_insertion() {
        LinkedMultiValueMap<String, String> data = new LinkedMultiValueMap<>();
        data.add("baseVersion", "4");
        data.add("text-p1", "One.");
        data.add("text-p2", "Two, better.");
        data.add("text-p3", "Three.");
        data.add("delete-p3", "yes");
        data.add("insertAfter", "p1");
        data.add("insertLabel", "1.a");
        data.add("insertText", "One and a half.");

        List<RevisionForm.Change> changes = RevisionForm.from(data, DETAIL).changes(DETAIL);

        assertThat(changes).extracting(RevisionForm.Change::body).containsExactly(
                Map.of("kind", "REPLACE", "provisionId", "p2", "text", "Two, better."),
                Map.of("kind", "DELETE", "provisionId", "p3"),
                Map.of("kind", "INSERT_AFTER", "provisionId", "p1", "label", "1.a", "text", "One and a half."));
        assertThat(changes).extracting(RevisionForm.Change::field).containsExactly("text-p2", "delete-p3", "insertText");
    }

    @Test
    void an_insertion_after_a_provision_not_in_the_text_is_no_insertion() {
        LinkedMultiValueMap<String, String> data = new LinkedMultiValueMap<>();
        data.add("insertAfter", "elsewhere");
        data.add("insertText", "Lost.");
        assertThat(RevisionForm.from(data, DETAIL).changes(DETAIL)).isEmpty();
    }
}
