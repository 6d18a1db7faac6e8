package org.concord.workspace.consultation;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.algorithm.myers.MyersDiff;
import com.github.difflib.patch.AbstractDelta;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level diff of two texts, for an amendment shown as tracked changes beside the provision it changes.
 * Both texts are cut into tokens that, joined, give back the text exactly: words (letters, digits and their
 * marks), runs of white space, and single characters of anything else (punctuation, an emoji with its
 * modifiers, each Chinese or Japanese character). A character as a reader sees it (a grapheme cluster) is
 * never split. The tokens are compared with java-diff-utils (Myers), and the result is a list of runs in
 * which the EQUAL and DELETE runs join to the old text and the EQUAL and INSERT runs to the new one.
 * <p>
 * Myers' algorithm costs (n + m) × d for n and m tokens d changes apart, and a page diffs every amendment it
 * shows: two unrelated wordings of 20,000 characters cost seconds (issue #18). So a diff takes at most
 * {@value #STEPS} steps (tokens compared, diagonals visited); past them, the tokens both texts begin and end
 * with are kept and everything between is replaced: coarser, still exact.
 */
final class WordDiff {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    /** Some 50 ms of work at worst. */
    static final long STEPS = 2_000_000;

    private WordDiff() {
    }

    enum Op { EQUAL, INSERT, DELETE }

    /** A stretch of text that both texts share, or that only the new (INSERT) or the old (DELETE) one has. */
    record Run(Op op, String text) {
    }

    /** The runs that turn {@code before} into {@code after}; adjacent runs of one kind are merged. */
    static List<Run> diff(String before, String after) {
        List<String> from = tokens(before);
        List<String> to = tokens(after);
        List<Run> runs = new ArrayList<>();
        Budget budget = new Budget();
        List<AbstractDelta<String>> deltas;
        try {
            deltas = DiffUtils.diff(from, to, new MyersDiff<>(budget::equal), budget, false).getDeltas();
        } catch (Budget.Spent spent) {
            replaceBetweenCommonEnds(from, to, runs);
            return runs;
        }
        int position = 0;
        for (AbstractDelta<String> delta : deltas) {
            int start = delta.getSource().getPosition();
            add(runs, Op.EQUAL, from.subList(position, start));
            add(runs, Op.DELETE, delta.getSource().getLines());
            add(runs, Op.INSERT, delta.getTarget().getLines());
            position = start + delta.getSource().size();
        }
        add(runs, Op.EQUAL, from.subList(position, from.size()));
        return runs;
    }

    /** The coarse diff: the tokens both texts begin and end with kept, all between replaced; linear. */
    private static void replaceBetweenCommonEnds(List<String> from, List<String> to, List<Run> runs) {
        int shorter = Math.min(from.size(), to.size());
        int head = 0;
        while (head < shorter && from.get(head).equals(to.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < shorter - head && from.get(from.size() - 1 - tail).equals(to.get(to.size() - 1 - tail))) {
            tail++;
        }
        add(runs, Op.EQUAL, from.subList(0, head));
        add(runs, Op.DELETE, from.subList(head, from.size() - tail));
        add(runs, Op.INSERT, to.subList(head, to.size() - tail));
        add(runs, Op.EQUAL, from.subList(from.size() - tail, from.size()));
    }

    /** The steps a diff may still take: a pair of tokens compared is one, a diagonal visited at distance d is one of 2d + 1. */
    private static final class Budget implements DiffAlgorithmListener {

        private long left = STEPS;

        private boolean equal(String a, String b) {
            spend(1);
            return Objects.equals(a, b);
        }

        @Override
        public void diffStart() {
        }

        @Override
        public void diffStep(int distance, int max) {
            spend(2L * distance + 1);
        }

        @Override
        public void diffEnd() {
        }

        private void spend(long steps) {
            left -= steps;
            if (left < 0) {
                throw new Spent();
            }
        }

        /** Stops Myers' algorithm, which has no other way out, once the budget is spent. */
        private static final class Spent extends RuntimeException {
            private Spent() {
                super(null, null, false, false);
            }
        }
    }

    /** The text cut into words, white space and single other characters; joined, they are the text. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        StringBuilder current = new StringBuilder();
        Kind currentKind = null;
        Matcher graphemes = GRAPHEME.matcher(text);
        while (graphemes.find()) {
            String grapheme = graphemes.group();
            Kind kind = kind(grapheme);
            boolean joins = kind == currentKind && (kind == Kind.WORD || kind == Kind.SPACE);
            if (!joins && current.length() > 0) {
                tokens.add(current.toString());
                current.setLength(0);
            }
            current.append(grapheme);
            currentKind = kind;
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private enum Kind { WORD, SPACE, OTHER }

    private static Kind kind(String grapheme) {
        int first = grapheme.codePointAt(0);
        if (Character.isWhitespace(first) || Character.isSpaceChar(first)) {
            return Kind.SPACE;
        }
        if (Character.isLetterOrDigit(first) && !ideographic(first)) {
            return Kind.WORD;
        }
        return Kind.OTHER;
    }

    /** Chinese and Japanese characters: each is a word of its own, as their texts have no spaces. */
    private static boolean ideographic(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return Character.isIdeographic(codePoint) || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    private static void add(List<Run> runs, Op op, List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        String text = String.join("", tokens);
        if (!runs.isEmpty() && runs.get(runs.size() - 1).op() == op) {
            Run last = runs.remove(runs.size() - 1);
            runs.add(new Run(op, last.text() + text));
        } else {
            runs.add(new Run(op, text));
        }
    }
}
