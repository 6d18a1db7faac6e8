package org.concord.query.negotiation.query;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain-text renderings of a bracketed provision (docs/api.md): negotiation text and clean text. */
class NegotiationTextTest {

    private static final String WORDING = "States shall reduce plastic waste by half before 2030.";

    @Test
    void without_brackets_both_forms_are_the_wording() {
        assertThat(NegotiationText.negotiation(WORDING, List.of())).isEqualTo(WORDING);
        assertThat(NegotiationText.clean(WORDING, List.of())).isEqualTo(WORDING);
    }

    @Test
    void bracketed_words_read_in_brackets_and_alternatives_stand_for_their_passage() {
        List<NegotiationText.Passage> passages = List.of(new NegotiationText.Passage(7, 9, List.of("before 2030", "by 2040")),
                new NegotiationText.Passage(4, 5, List.of()));

        assertThat(NegotiationText.negotiation(WORDING, passages))
                .isEqualTo("States shall reduce plastic [waste] by half [Alt 1: before 2030 / Alt 2: by 2040].");
    }

    @Test
    void the_clean_text_leaves_each_passage_out_with_the_white_space_before_it() {
        assertThat(NegotiationText.clean(WORDING, List.of(new NegotiationText.Passage(7, 9, List.of()))))
                .isEqualTo("States shall reduce plastic waste by half.");
        assertThat(NegotiationText.clean(WORDING, List.of(new NegotiationText.Passage(0, 2, List.of()),
                new NegotiationText.Passage(4, 5, List.of())))).isEqualTo("reduce plastic by half before 2030.");
        assertThat(NegotiationText.clean("  Keep  the leading space.", List.of(new NegotiationText.Passage(1, 2, List.of()))))
                .isEqualTo("  Keep leading space.");
    }

    @Test
    void the_words_after_a_resolved_passage_move_by_the_words_it_gained() {
        assertThat(NegotiationText.shift(WORDING, "States should at least reduce plastic waste by half before 2030.")).isEqualTo(2);
        assertThat(NegotiationText.shift(WORDING, "States reduce plastic waste by half before 2030.")).isEqualTo(-1);
    }
}
