package org.concord.workspace.comment;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

class CommentFormTest {

    @Test
    void a_comment_on_selected_words_carries_their_anchor_to_the_api() {
        CommentForm form = CommentForm.from(fields("provisionId", "p-1", "anchorVersion", "7", "anchorStart", "2", "anchorEnd", "5",
                "body", "Too broad", "attribution", "ATTRIBUTED"));

        assertThat(form.request().anchor()).isEqualTo(new ApiComments.Anchor(7, 2, 5));
    }

    @Test
    void a_comment_without_a_selection_sends_no_anchor() {
        assertThat(CommentForm.from(fields("provisionId", "p-1", "body", "On all of it")).request().anchor()).isNull();
        assertThat(CommentForm.from(fields("anchorVersion", "7", "anchorStart", "2", "anchorEnd", "5", "body", "General")).anchor())
                .as("words belong to a provision").isNull();
    }

    @Test
    void an_anchor_made_of_something_else_than_numbers_is_kept_to_be_refused_not_dropped_unsaid() {
        assertThat(CommentForm.from(fields("provisionId", "p-1", "anchorVersion", "x", "anchorStart", "2")).anchor())
                .isEqualTo(new ApiComments.Anchor(0, 0, 0));
    }

    private static MultiValueMap<String, String> fields(String... namesAndValues) {
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
