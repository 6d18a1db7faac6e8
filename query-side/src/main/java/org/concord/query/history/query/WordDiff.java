package org.concord.query.history.query;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import org.concord.messages.consultation.Words.Word;

import java.util.List;

/**
 * The word-level difference between two wordings ({@link org.concord.messages.consultation.Words}), which
 * the inline diff, provenance and comment anchors all walk. Words are matched by their letters alone, so
 * that re-spacing a sentence does not unmatch its words; the white space after two matched words is
 * compared on its own by whoever walks the difference, and a difference there is a change like any other:
 * in legal text a no-break space, a doubled space or a line break matters.
 */
final class WordDiff {

    private WordDiff() {
    }

    /**
     * Walks the word-level difference from {@code before} to {@code after} in order: each pair of words
     * matched by their bodies, and the runs of words only {@code before} has and only {@code after} has.
     */
    static void compare(List<Word> before, List<Word> after, Visitor visitor) {
        int keptBefore = 0;
        int keptAfter = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(bodies(before), bodies(after)).getDeltas()) {
            int from = delta.getSource().getPosition();
            int to = delta.getTarget().getPosition();
            for (int i = 0; i < to - keptAfter; i++) {
                visitor.both(keptBefore + i, keptAfter + i);
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
        for (int i = 0; i < after.size() - keptAfter; i++) {
            visitor.both(keptBefore + i, keptAfter + i);
        }
    }

    private static List<String> bodies(List<Word> words) {
        return words.stream().map(Word::body).toList();
    }

    /** What {@link #compare} reports; a visitor that needs only the matched words is a lambda. */
    @FunctionalInterface
    interface Visitor {

        void both(int before, int after);

        default void onlyBefore(int from, int length) {
        }

        default void onlyAfter(int from, int length) {
        }
    }
}
