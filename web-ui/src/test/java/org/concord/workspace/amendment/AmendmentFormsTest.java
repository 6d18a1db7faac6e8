package org.concord.workspace.amendment;

import org.concord.workspace.TestBundles;
import org.concord.workspace.api.ApiProblem;
import org.concord.workspace.form.FormErrors;
import org.concord.workspace.layout.Formats;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class AmendmentFormsTest {

    private static final Formats EN = TestBundles.formats(Locale.ENGLISH, "amendment");
    private static final Formats FR = TestBundles.formats(Locale.FRENCH, "amendment");

    @Test
    void words_selected_on_the_text_page_are_selected_in_the_wording_to_replace() {
        String text = "States should regulate the sale of intrusion tools.";

        AmendmentPage.Selected selected = AmendmentController.selected(text, 3, 5, EN);

        assertThat(text.substring(selected.from(), selected.to())).isEqualTo("the sale");
        assertThat(selected.sentence()).isEqualTo("You selected \"the sale\": it is selected in the wording below, so that what you type replaces it.");
        assertThat(AmendmentController.selected(text, 5, 12, EN)).as("words the provision does not have").isNull();
    }

    @Test
    void a_provision_changed_since_the_version_written_against_is_explained_with_what_changed_and_the_offer_to_propose_again() {
        ApiAmendments.Provision then = new ApiAmendments.Provision("p-3", "3", "States should share licensing decisions.");
        ApiAmendments.Provision now = new ApiAmendments.Provision("p-3", "3", "States should publish licensing decisions.");

        AmendmentPage.Stale stale = AmendmentController.stale(then, now, 5, 7, EN);

        assertThat(stale.explanation()).isEqualTo("Provision 3 has changed since version 5, which you wrote against. The changes since then:");
        assertThat(stale.changes()).filteredOn(run -> run.deleted()).extracting(run -> run.text().strip()).containsExactly("share");
        assertThat(stale.changes()).filteredOn(run -> run.inserted()).extracting(run -> run.text().strip()).containsExactly("publish");
        assertThat(stale.offer()).isEqualTo("Propose again against version 7");
        assertThat(stale.current()).isEqualTo(7);
        assertThat(AmendmentController.stale(then, then, 5, 7, FR)).as("a provision unchanged since: nothing stale").isNull();
        assertThat(AmendmentController.stale(null, now, 5, 7, FR).explanation())
                .isEqualTo("La disposition 3 n’existait pas dans la version 5, sur laquelle vous avez écrit. Elle se lit maintenant\u00a0:");
    }

    @Test
    void a_round_closed_under_the_form_is_said_in_the_page_language() {
        ApiProblem closed = new ApiProblem(409, "conflict", "The deadline of round 1 passed at 2026-12-01T00:00:00Z.", List.of(), null);

        FormErrors errors = AmendmentController.refusal(closed, FR);

        assertThat(errors.general()).extracting(FormErrors.Message::text)
                .containsExactly("Concord n’a pas enregistré l’amendement\u00a0: le tour de commentaires est clos, ou son échéance est passée. Rien n’a été envoyé.");
        assertThat(errors.general()).extracting(FormErrors.Message::lang).containsExactly("fr");
    }

    @Test
    void a_label_the_api_refuses_is_shown_beside_the_label_field() {
        ApiProblem taken = new ApiProblem(400, "validation", "Invalid request",
                List.of(new ApiProblem.FieldError("label", "must be a number like 1, 2.a or 2.a.i")), null);

        FormErrors errors = AmendmentController.refusal(taken, EN);

        assertThat(errors.has("label")).isTrue();
        assertThat(errors.general()).isEmpty();
    }
}
