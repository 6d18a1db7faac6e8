package org.concord.workspace.consultation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WordsTest {

    @Test
    void a_word_is_a_run_of_characters_without_white_space_counted_from_zero() {
        String text = "  States should\tregulate\u00a0the sale.\n";

        assertThat(Words.of(text)).extracting(span -> text.substring(span.start(), span.end()))
                .containsExactly("States", "should", "regulate", "the", "sale.");
    }

    @Test
    void a_selection_quotes_its_words_with_the_white_space_between_them() {
        String text = "States should  regulate the sale.";

        assertThat(Words.quote(text, 1, 3)).isEqualTo("should  regulate");
        assertThat(Words.characters(text, 1, 3)).isEqualTo(new Words.Span(7, 23));
        assertThat(Words.quote(text, 4, 5)).isEqualTo("sale.");
    }

    @Test
    void words_that_are_not_in_the_text_make_no_selection() {
        String text = "States should regulate.";

        assertThat(Words.quote(text, 2, 4)).as("past the last word").isNull();
        assertThat(Words.quote(text, 2, 2)).as("no word").isNull();
        assertThat(Words.quote(text, -1, 1)).isNull();
        assertThat(Words.selects("", 0, 1)).isFalse();
    }

    @Test
    void scripts_without_spaces_and_emoji_count_as_the_browser_counts_them() {
        String text = "«مرحبا» 中文的条款 👩🏽‍⚖️ ok";

        assertThat(Words.of(text)).hasSize(4);
        assertThat(Words.quote(text, 2, 3)).as("UTF-16 offsets, as JavaScript's").isEqualTo("👩🏽‍⚖️");
    }
}
