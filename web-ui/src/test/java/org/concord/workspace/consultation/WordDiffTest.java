package org.concord.workspace.consultation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class WordDiffTest {

    static Stream<Arguments> pairs() {
        return Stream.of(
                arguments("", ""),
                arguments("", "A new provision."),
                arguments("An old provision.", ""),
                arguments("States should establish a point of contact.", "States shall establish a national point of contact, such as a CERT."),
                arguments("Les rapports peuvent être rédigés en français ou en anglais.",
                        "Les rapports peuvent être rédigés dans toute langue officielle — chiffrés de préférence."),
                // the same letters, once precomposed and once with a combining accent
                arguments("Une société déclarée.", "Une socie\u0301te\u0301 de\u0301clare\u0301e."),
                arguments("Encrypted 🔐 reports 👍🏽 are welcome.", "Encrypted 🔐🔑 reports 👩🏽‍💻 are very welcome 🇫🇷."),
                arguments("報告者の匿名性は尊重されるべきである。", "報告者の匿名性は常に尊重されなければならない。"),
                arguments("보고서는 5일 이내에 확인되어야 합니다.", "보고서는 3일 이내에 확인되어야 합니다."),
                arguments("Line one.\nLine two.\n\nLine four.", "Line one.\r\nLine  two.\n\u00a0Line four, changed.\t"),
                arguments("   leading and trailing   ", "leading\tand trailing"),
                arguments("<script>alert('x')</script> & \"quotes\"", "<b>bold</b> & 'quotes'"));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void theRunsJoinToBothTextsExactly(String before, String after) {
        List<WordDiff.Run> runs = WordDiff.diff(before, after);

        assertThat(join(runs, WordDiff.Op.DELETE)).isEqualTo(before);
        assertThat(join(runs, WordDiff.Op.INSERT)).isEqualTo(after);
        assertThat(runs).allSatisfy(run -> assertThat(run.text()).isNotEmpty());
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).op()).as("adjacent runs of one kind are merged").isNotEqualTo(runs.get(i - 1).op());
        }
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void theTokensJoinToTheText(String before, String after) {
        assertThat(String.join("", WordDiff.tokens(before))).isEqualTo(before);
        assertThat(String.join("", WordDiff.tokens(after))).isEqualTo(after);
    }

    @Test
    void aChangedWordIsDeletedAndInsertedWhole() {
        assertThat(WordDiff.diff("States should act.", "States shall act.")).containsExactly(
                new WordDiff.Run(WordDiff.Op.EQUAL, "States "),
                new WordDiff.Run(WordDiff.Op.DELETE, "should"),
                new WordDiff.Run(WordDiff.Op.INSERT, "shall"),
                new WordDiff.Run(WordDiff.Op.EQUAL, " act."));
    }

    @Test
    void accentedWordsStayWholeAndEmojiAreNeverSplit() {
        assertThat(WordDiff.tokens("rédigés e\u0301te\u0301 👩🏽‍💻🇫🇷")).containsExactly("rédigés", " ", "e\u0301te\u0301", " ", "👩🏽‍💻", "🇫🇷");
    }

    @Test
    void eachChineseOrJapaneseCharacterIsAWord() {
        assertThat(WordDiff.tokens("匿名性は尊重")).containsExactly("匿", "名", "性", "は", "尊", "重");
        assertThat(WordDiff.diff("匿名性は尊重", "匿名性を尊重")).containsExactly(
                new WordDiff.Run(WordDiff.Op.EQUAL, "匿名性"),
                new WordDiff.Run(WordDiff.Op.DELETE, "は"),
                new WordDiff.Run(WordDiff.Op.INSERT, "を"),
                new WordDiff.Run(WordDiff.Op.EQUAL, "尊重"));
    }

    @Test
    void aChangeOfWhiteSpaceAloneIsAChange() {
        assertThat(WordDiff.diff("a b", "a\nb")).containsExactly(
                new WordDiff.Run(WordDiff.Op.EQUAL, "a"),
                new WordDiff.Run(WordDiff.Op.DELETE, " "),
                new WordDiff.Run(WordDiff.Op.INSERT, "\n"),
                new WordDiff.Run(WordDiff.Op.EQUAL, "b"));
    }

    /**
     * Issue #18, finding 9: every view of a consultation diffs each amendment against its provision. Two
     * unrelated wordings of 20,000 characters cost the unbounded diff some 1 GB of allocations and seconds;
     * the work is measured here as memory allocated, not time.
     */
    @Test
    void twoLargeUnrelatedWordingsAreComparedWithBoundedWorkAndTheRunsStillSpellBoth() {
        String before = "The parties agree that " + unrelatedWording(1) + " as agreed.";
        String after = "The parties agree that " + unrelatedWording(2) + " as agreed.";

        long allocatedBefore = allocatedByThisThread();
        List<WordDiff.Run> runs = WordDiff.diff(before, after);
        long allocated = allocatedByThisThread() - allocatedBefore;

        assertThat(allocated).isLessThan(64L * 1024 * 1024);
        assertThat(join(runs, WordDiff.Op.DELETE)).isEqualTo(before);
        assertThat(join(runs, WordDiff.Op.INSERT)).isEqualTo(after);
        assertThat(runs).startsWith(new WordDiff.Run(WordDiff.Op.EQUAL, "The parties agree that "))
                .endsWith(new WordDiff.Run(WordDiff.Op.EQUAL, " as agreed."));
    }

    /** Some 19,000 characters of words drawn at random. */
    private static String unrelatedWording(long seed) {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>();
        int length = 0;
        while (length < 19_000) {
            String word = Integer.toString(random.nextInt(1_000_000), 36);
            words.add(word);
            length += word.length() + 1;
        }
        return String.join(" ", words);
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** The EQUAL runs and the runs of {@code side} (DELETE: the old text; INSERT: the new one). */
    private static String join(List<WordDiff.Run> runs, WordDiff.Op side) {
        return runs.stream().filter(run -> run.op() == WordDiff.Op.EQUAL || run.op() == side)
                .map(WordDiff.Run::text).collect(Collectors.joining());
    }
}
