package org.concord.query.history.query;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text as a list of words, each with the white space after it, so that joining the words gives the
 * text back exactly. A word is a run of letters and digits (with inner hyphens and apostrophes, as in
 * "hacking-for-hire" or "State's"), or any other single character such as a punctuation mark, so that
 * adding a clause before a full stop leaves the full stop alone. Two words are the same when they
 * differ only in the white space after them: re-spacing a sentence changes nobody's words.
 */
final class Words {

    private static final Pattern WORD = Pattern.compile("^\\s+|[\\p{L}\\p{N}\\p{M}]+(?:['’-][\\p{L}\\p{N}\\p{M}]+)*\\s*|\\S\\s*");

    private Words() {
    }

    static List<String> of(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            words.add(matcher.group());
        }
        return words;
    }

    static boolean same(String a, String b) {
        return a.strip().equals(b.strip());
    }

    /**
     * Walks the word-level difference from {@code before} to {@code after} in order: runs of words
     * both have, runs only {@code before} has, and runs only {@code after} has, by index and length.
     */
    static void compare(List<String> before, List<String> after, Visitor visitor) {
        int keptBefore = 0;
        int keptAfter = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(before, after, Words::same).getDeltas()) {
            int from = delta.getSource().getPosition();
            int to = delta.getTarget().getPosition();
            if (to > keptAfter) {
                visitor.both(keptBefore, keptAfter, to - keptAfter);
            }
            if (delta.getSource().size() > 0) {
                visitor.onlyBefore(from, delta.getSource().size());
            }
            if (delta.getTarget().size() > 0) {
                visitor.onlyAfter(to, delta.getTarget().size());
            }
            keptBefore = from + delta.getSource().size();
            keptAfter = to + delta.getTarget().size();
        }
        if (keptAfter < after.size()) {
            visitor.both(keptBefore, keptAfter, after.size() - keptAfter);
        }
    }

    /** What {@link #compare} reports; a visitor implements only what it needs. */
    interface Visitor {

        default void both(int beforeFrom, int afterFrom, int length) {
        }

        default void onlyBefore(int from, int length) {
        }

        default void onlyAfter(int from, int length) {
        }
    }
}
