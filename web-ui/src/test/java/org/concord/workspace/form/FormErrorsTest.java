package org.concord.workspace.form;

import org.concord.workspace.TestBundles;
import org.concord.workspace.api.ApiProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FormErrorsTest {

    private static final Map<String, String> FIELDS = Map.of("body", "body", "changes[0].text", "text-0");

    @Test
    void local_checks_put_each_message_beside_its_field_in_the_order_of_the_form() {
        FormErrors errors = FormErrors.check(TestBundles.formats(Locale.ENGLISH))
                .required("body", "  ", "form.api.blank")
                .atMost("title", "x".repeat(301), 300)
                .build();

        assertThat(errors.any()).isTrue();
        assertThat(errors.of("body").text()).isEqualTo("This cannot be empty");
        assertThat(errors.of("title").text()).isEqualTo("Write at most 300 characters (this has 301)");
        assertThat(errors.summary()).extracting(FormErrors.SummaryItem::href).containsExactly("#body", "#title");
        assertThat(errors.describedBy("body", "body-hint")).isEqualTo("body-hint body-error");
        assertThat(errors.describedBy("other", "other-hint")).isEqualTo("other-hint");
    }

    @Test
    void a_validation_refusal_of_the_api_is_shown_beside_the_mapped_field_translated_when_known() {
        ApiProblem problem = new ApiProblem(400, "validation", "The request is not valid.", List.of(
                new ApiProblem.FieldError("changes[0].text", "must not be blank"),
                new ApiProblem.FieldError("body", "something the workspace has never seen")), null);

        FormErrors errors = FormErrors.check(TestBundles.formats(Locale.FRENCH)).refusal(problem, FIELDS, "form.cancel").build();

        assertThat(errors.of("text-0")).isEqualTo(new FormErrors.Message("Ce champ ne peut pas être vide", "fr"));
        assertThat(errors.of("body")).isEqualTo(new FormErrors.Message("something the workspace has never seen", "en"));
        assertThat(errors.general()).isEmpty();
    }

    @Test
    void a_field_the_form_does_not_have_and_a_conflict_become_general_messages() {
        FormErrors unmapped = FormErrors.check(TestBundles.formats(Locale.ENGLISH)).refusal(new ApiProblem(400, "validation", "x",
                List.of(new ApiProblem.FieldError("replyTo", "must be a comment of this consultation")), null), FIELDS, "form.cancel").build();
        assertThat(unmapped.fields()).isEmpty();
        assertThat(unmapped.general()).containsExactly(new FormErrors.Message("replyTo: must be a comment of this consultation", "en"));

        FormErrors conflict = FormErrors.check(TestBundles.formats(Locale.FRENCH)).refusal(new ApiProblem(409, "conflict",
                "The round's deadline has passed.", List.of(), null), FIELDS, "form.error.summary").build();
        assertThat(conflict.general()).containsExactly(new FormErrors.Message("Il y a un problème", "fr"),
                new FormErrors.Message("The round's deadline has passed.", "en"));
    }

    @Test
    void the_api_sentences_with_numbers_are_translated_with_their_numbers() {
        assertThat(ApiMessages.translate("size must be between 0 and 10000", TestBundles.formats(Locale.FRENCH)).text())
                .isEqualTo("Écrivez entre 0 et 10\u202f000 caractères");
        assertThat(ApiMessages.translate("must be between 1 and the current version 7", TestBundles.formats(Locale.ENGLISH)).text())
                .isEqualTo("Choose a version between 1 and the current version, 7");
    }

    @Test
    void a_form_key_is_kept_only_in_the_shape_the_workspace_makes() {
        String key = FormKey.fresh();
        assertThat(FormKey.sent(key)).isEqualTo(key);
        assertThat(FormKey.sent("x\r\nSet-Cookie: a=b")).isNotEqualTo("x\r\nSet-Cookie: a=b").matches("[0-9a-f-]{36}");
        assertThat(FormKey.sent(null)).matches("[0-9a-f-]{36}");
        assertThat(FormKey.idempotencyKey(key)).isEqualTo("web-form-" + key);
    }
}
