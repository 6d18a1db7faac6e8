package org.concord.workspace.consultation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The words a selection counts are the API's (docs/api.md), with their places in the text as a browser counts them. */
class WordsTest {

    @Test
    void words_are_counted_from_zero_without_white_space_and_punctuation_stands_alone() {
        String text = "  States should\tregulate\u00a0the sale.\n";

        assertThat(Words.of(text)).extracting(span -> text.substring(span.start(), span.end()))
                .containsExactly("States", "should", "regulate", "the", "sale", ".");
    }

    @Test
    void inner_hyphens_and_apostrophes_stay_inside_a_word() {
        String text = "L’État's hacking-for-hire tools";

        assertThat(Words.of(text)).extracting(span -> text.substring(span.start(), span.end()))
                .containsExactly("L’État's", "hacking-for-hire", "tools");
    }

    @Test
    void a_selection_quotes_its_words_with_the_white_space_between_them() {
        String text = "States should  regulate the sale.";

        assertThat(Words.quote(text, 1, 3)).isEqualTo("should  regulate");
        assertThat(Words.characters(text, 1, 3)).isEqualTo(new Words.Span(7, 23));
        assertThat(Words.quote(text, 4, 6)).isEqualTo("sale.");
    }

    @Test
    void words_that_are_not_in_the_text_make_no_selection() {
        String text = "States should regulate.";

        assertThat(Words.quote(text, 3, 5)).as("past the last word").isNull();
        assertThat(Words.quote(text, 2, 2)).as("no word").isNull();
        assertThat(Words.quote(text, -1, 1)).isNull();
        assertThat(Words.selects("", 0, 1)).isFalse();
    }

    @Test
    void chinese_characters_and_emoji_are_words_of_their_own_at_utf16_offsets() {
        String text = "«مرحبا» 中文 👩🏽‍⚖️ ok";

        assertThat(Words.of(text)).extracting(span -> text.substring(span.start(), span.end()))
                .containsExactly("«", "مرحبا", "»", "中", "文", "👩🏽‍⚖️", "ok");
        assertThat(Words.characters(text, 5, 6)).as("UTF-16 offsets, as JavaScript's").isEqualTo(new Words.Span(11, 18));
    }
}
