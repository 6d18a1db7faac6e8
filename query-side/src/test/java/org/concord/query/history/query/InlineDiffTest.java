package org.concord.query.history.query;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.concord.query.history.query.InlineDiff.Op;
import org.concord.query.history.query.InlineDiff.Run;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InlineDiffTest {

    @Test
    void a_white_space_only_correction_is_a_deletion_of_that_white_space() {
        assertThat(InlineDiff.between("The parties agree to this text .", "The parties agree to this text.")).containsExactly(
                new Run(Op.EQUAL, "The parties agree to this text"),
                new Run(Op.DELETE, " "),
                new Run(Op.EQUAL, "."));
    }

    @Test
    void a_space_missing_after_an_emoji_is_deleted_and_the_emoji_stays_whole() {
        assertThat(InlineDiff.between("Vendors 👩🏽‍💻 should assess risks.", "Vendors 👩🏽‍💻should assess risks.")).containsExactly(
                new Run(Op.EQUAL, "Vendors 👩🏽‍💻"),
                new Run(Op.DELETE, " "),
                new Run(Op.EQUAL, "should assess risks."));
    }

    @Test
    void a_no_break_space_in_place_of_a_space_is_a_change() {
        assertThat(InlineDiff.between("Article 5 applies.", "Article\u00A05 applies.")).containsExactly(
                new Run(Op.EQUAL, "Article"),
                new Run(Op.DELETE, " "),
                new Run(Op.INSERT, "\u00A0"),
                new Run(Op.EQUAL, "5 applies."));
    }

    @Test
    void the_inline_diff_leaves_punctuation_alone_when_a_clause_is_added_before_it() {
        assertThat(InlineDiff.between("including spyware.", "including spyware and hacking-for-hire services."))
                .containsExactly(
                        new Run(Op.EQUAL, "including spyware"),
                        new Run(Op.INSERT, " and hacking-for-hire services"),
                        new Run(Op.EQUAL, "."));
    }

    @Test
    void a_chinese_sentence_without_spaces_changes_character_by_character() {
        assertThat(InlineDiff.between("各国应当监管。", "各国必须监管。")).containsExactly(
                new Run(Op.EQUAL, "各国"),
                new Run(Op.DELETE, "应当"),
                new Run(Op.INSERT, "必须"),
                new Run(Op.EQUAL, "监管。"));
    }

    @Property(tries = 2000)
    void equal_and_deleted_runs_spell_the_old_text_and_equal_and_inserted_runs_the_new_one(@ForAll("pairs") List<String> pair) {
        List<Run> runs = InlineDiff.between(pair.get(0), pair.get(1));

        assertThat(spelled(runs, Op.DELETE)).isEqualTo(pair.get(0));
        assertThat(spelled(runs, Op.INSERT)).isEqualTo(pair.get(1));
        assertThat(runs).allSatisfy(run -> assertThat(run.text()).isNotEmpty());
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).op()).as("runs %s and %s", i - 1, i).isNotEqualTo(runs.get(i - 1).op());
        }
    }

    @Property(tries = 2000)
    void no_run_splits_a_character(@ForAll("pairs") List<String> pair) {
        List<Run> runs = InlineDiff.between(pair.get(0), pair.get(1));

        assertThat(UnicodeTexts.characterBoundaries(pair.get(0))).containsAll(boundaries(runs, Op.DELETE));
        assertThat(UnicodeTexts.characterBoundaries(pair.get(1))).containsAll(boundaries(runs, Op.INSERT));
    }

    @Provide
    Arbitrary<List<String>> pairs() {
        return UnicodeTexts.pairs();
    }

    /** The text of the EQUAL runs and the runs of {@code side}, in order. */
    private static String spelled(List<Run> runs, Op side) {
        StringBuilder text = new StringBuilder();
        runs.stream().filter(run -> run.op() == Op.EQUAL || run.op() == side).forEach(run -> text.append(run.text()));
        return text.toString();
    }

    /** Where, in the text spelled by the EQUAL runs and the runs of {@code side}, one run ends and the next begins. */
    private static List<Integer> boundaries(List<Run> runs, Op side) {
        List<Integer> boundaries = new ArrayList<>();
        int at = 0;
        for (Run run : runs) {
            if (run.op() == Op.EQUAL || run.op() == side) {
                at += run.text().length();
                boundaries.add(at);
            }
        }
        return boundaries;
    }
}
