package org.concord.workspace.comment;

import org.concord.workspace.TestBundles;
import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.form.FormErrors;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.List;
import java.util.Locale;

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

    @Test
    void a_comment_on_a_provision_leads_to_that_provisions_page_any_other_to_the_text() {
        assertThat(CommentController.placeOf("c-1", CommentForm.from(fields("provisionId", "p-1", "body", "On all of it"))))
                .isEqualTo("/consultations/c-1/provisions/p-1");
        assertThat(CommentController.placeOf("c-1", CommentForm.from(fields("provisionId", "p 1/2", "body", "Odd id"))))
                .as("the provision's id is one path segment").isEqualTo("/consultations/c-1/provisions/p%201%2F2");
        assertThat(CommentController.placeOf("c-1", CommentForm.from(fields("replyTo", "k-1", "body", "Agreed")))).isEqualTo("/consultations/c-1");
        assertThat(CommentController.placeOf("c-1", CommentForm.from(fields("amendmentId", "a-1", "body", "Agreed")))).isEqualTo("/consultations/c-1");
        assertThat(CommentController.placeOf("c-1", CommentForm.from(fields("body", "On the whole")))).isEqualTo("/consultations/c-1");
    }

    @Test
    void a_reply_or_a_comment_on_an_amendment_written_from_a_provisions_page_leads_back_there() {
        assertThat(CommentController.placeOf("c-1", CommentForm.from(fields("replyTo", "k-1", "body", "Agreed", "fromProvision", "p-1"))))
                .isEqualTo("/consultations/c-1/provisions/p-1");
        assertThat(CommentController.placeOf("c-1", CommentForm.from(fields("amendmentId", "a-1", "body", "Agreed", "fromProvision", "p 1/2"))))
                .isEqualTo("/consultations/c-1/provisions/p%201%2F2");
        assertThat(CommentController.placeOf("c-1", CommentForm.from(fields("amendmentId", "a-1", "body", "Agreed", "fromProvision", " "))))
                .as("blank: from the text page").isEqualTo("/consultations/c-1");
        assertThat(CommentController.placeOf("c-1", CommentForm.from(fields("provisionId", "p-2", "body", "On it", "fromProvision", "p-1"))))
                .as("a comment on a provision leads to its own page").isEqualTo("/consultations/c-1/provisions/p-2");
    }

    @Test
    void a_round_closed_under_the_comment_form_is_said_in_the_page_language_another_conflict_in_the_apis_words() {
        ApiProblem closed = new ApiProblem(409, "conflict",
                "No comment round is open: comments are not accepted while the consultation is CLOSED.", List.of(), null);
        ApiProblem other = new ApiProblem(409, "conflict", "Something else.", List.of(), null);

        assertThat(CommentController.refusal(closed, TestBundles.formats(Locale.ENGLISH, "comment")).general())
                .extracting(FormErrors.Message::text).containsExactly(
                        "Concord did not record the comment: the round of comments has closed, or its deadline has passed. Nothing was posted.");
        assertThat(CommentController.refusal(other, TestBundles.formats(Locale.FRENCH, "comment")).general())
                .extracting(FormErrors.Message::text, FormErrors.Message::lang)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Concord n’a pas enregistré le commentaire.", "fr"),
                        org.assertj.core.groups.Tuple.tuple("Something else.", "en"));
    }

    @Test
    void words_refused_because_the_provision_changed_make_the_comment_one_on_the_whole_provision() {
        ApiProblem changed = new ApiProblem(409, "conflict", "Provision 1 has changed since version 1 (last in version 2); "
                + "select the words again in the current text, version 2.", List.of(), null);
        CommentForm onWords = CommentForm.from(fields("provisionId", "p-1", "anchorVersion", "1", "anchorStart", "2", "anchorEnd", "4",
                "body", "Which sale?", "attribution", "ATTRIBUTED"));
        CommentForm onProvision = CommentForm.from(fields("provisionId", "p-1", "body", "Which sale?", "attribution", "ATTRIBUTED"));

        assertThat(CommentController.wordsChanged(changed, onWords)).isTrue();
        assertThat(CommentController.wordsChanged(changed, onProvision)).as("no words were selected").isFalse();
        assertThat(CommentController.wordsChanged(new ApiProblem(409, "conflict", "No comment round is open.", List.of(), null), onWords))
                .isFalse();
    }

    private static MultiValueMap<String, String> fields(String... namesAndValues) {
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }
}
