package org.concord.messages.consultation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The words a selection counts, as docs/api.md defines them for a browser. */
class WordsTest {

    private static List<String> counted(String text) {
        List<Words.Word> words = Words.of(text);
        return words.subList(Words.firstCounted(words), words.size()).stream().map(Words.Word::body).toList();
    }

    @Test
    void letters_and_digits_make_a_word_with_inner_hyphens_and_apostrophes_and_punctuation_stands_alone() {
        assertThat(counted("States' duty: hacking-for-hire, Article 5(a); the State's “tools”."))
                .containsExactly("States", "'", "duty", ":", "hacking-for-hire", ",", "Article", "5", "(", "a", ")", ";",
                        "the", "State's", "“", "tools", "”", ".");
    }

    @Test
    void leading_white_space_is_not_counted() {
        assertThat(Words.count("  \u00A0Les États")).isEqualTo(2);
        assertThat(Words.quote("  \u00A0Les États", 0, 1)).isEqualTo("Les");
    }

    @Test
    void french_accents_and_combining_marks_stay_inside_their_word() {
        assertThat(counted("L’État doit réglementer e\u0301tat")).containsExactly("L’État", "doit", "réglementer", "e\u0301tat");
    }

    @Test
    void each_chinese_or_japanese_character_is_a_word_but_korean_and_arabic_words_are_runs() {
        assertThat(counted("各国应当监管。締約国は 한국 الدول")).containsExactly("各", "国", "应", "当", "监", "管", "。", "締", "約", "国", "は",
                "한국", "الدول");
    }

    @Test
    void an_emoji_with_its_modifiers_is_one_word() {
        assertThat(counted("Vendors 👍🏽 👨‍👩‍👧‍👦🇫🇷!")).containsExactly("Vendors", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "!");
    }

    @Test
    void a_quote_keeps_the_white_space_between_its_words_and_none_around_them() {
        String text = "States  should\u00A0regulate\nthe sale.";
        assertThat(Words.quote(text, 0, 3)).isEqualTo("States  should\u00A0regulate");
        assertThat(Words.quote(text, 3, 6)).isEqualTo("the sale.");
        assertThat(Words.count(text)).isEqualTo(6);
    }

    @Test
    void a_quote_outside_the_words_is_refused() {
        assertThatThrownBy(() -> Words.quote("One two.", 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Words.quote("One two.", 1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Words.quote("One two.", -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
