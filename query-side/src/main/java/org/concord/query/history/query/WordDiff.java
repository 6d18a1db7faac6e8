package org.concord.query.history.query;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.algorithm.myers.MyersDiff;
import com.github.difflib.patch.AbstractDelta;
import org.concord.messages.consultation.Words.Word;

import java.util.List;
import java.util.Objects;

/**
 * The word-level difference between two wordings ({@link org.concord.messages.consultation.Words}), which
 * the inline diff, provenance and comment anchors all walk. Words are matched by their letters alone, so
 * that re-spacing a sentence does not unmatch its words; the white space after two matched words is
 * compared on its own by whoever walks the difference, and a difference there is a change like any other:
 * in legal text a no-break space, a doubled space or a line break matters.
 * <p>
 * Myers' algorithm costs (n + m) × d for n and m words d changes apart: two unrelated wordings of
 * 20,000 characters cost seconds (issue #18). So each comparison works within a {@link Budget}; past it,
 * the words both wordings begin and end with are matched and everything between is replaced: a coarser
 * difference, still exact, and the same every time for the same wordings.
 */
final class WordDiff {

    /** The work one comparison may do, in words compared and diagonals visited: some 50 ms at worst. */
    static final long STEPS_PER_COMPARISON = 2_000_000;

    private WordDiff() {
    }

    /**
     * Walks the word-level difference from {@code before} to {@code after} in order: each pair of words
     * matched by their bodies, and the runs of words only {@code before} has and only {@code after} has.
     */
    static void compare(List<Word> before, List<Word> after, Visitor visitor) {
        compare(before, after, new Budget(STEPS_PER_COMPARISON), visitor);
    }

    /** As {@link #compare(List, List, Visitor)}, spending from {@code budget}, which several comparisons may share. */
    static void compare(List<Word> before, List<Word> after, Budget budget, Visitor visitor) {
        List<String> from = bodies(before);
        List<String> to = bodies(after);
        List<AbstractDelta<String>> deltas;
        try {
            deltas = DiffUtils.diff(from, to, new MyersDiff<>(budget::equal), budget, false).getDeltas();
        } catch (Budget.Spent spent) {
            replaceBetweenCommonEnds(from, to, visitor);
            return;
        }
        int keptBefore = 0;
        int keptAfter = 0;
        for (AbstractDelta<String> delta : deltas) {
            int fromPosition = delta.getSource().getPosition();
            int toPosition = delta.getTarget().getPosition();
            for (int i = 0; i < toPosition - keptAfter; i++) {
                visitor.both(keptBefore + i, keptAfter + i);
            }
            if (delta.getSource().size() > 0) {
                visitor.onlyBefore(fromPosition, delta.getSource().size());
            }
            if (delta.getTarget().size() > 0) {
                visitor.onlyAfter(toPosition, delta.getTarget().size());
            }
            keptBefore = fromPosition + delta.getSource().size();
            keptAfter = toPosition + delta.getTarget().size();
        }
        for (int i = 0; i < after.size() - keptAfter; i++) {
            visitor.both(keptBefore + i, keptAfter + i);
        }
    }

    /** The coarse difference: the common first and last words matched, all between replaced; linear. */
    private static void replaceBetweenCommonEnds(List<String> from, List<String> to, Visitor visitor) {
        int shorter = Math.min(from.size(), to.size());
        int head = 0;
        while (head < shorter && from.get(head).equals(to.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < shorter - head && from.get(from.size() - 1 - tail).equals(to.get(to.size() - 1 - tail))) {
            tail++;
        }
        for (int i = 0; i < head; i++) {
            visitor.both(i, i);
        }
        if (from.size() - tail > head) {
            visitor.onlyBefore(head, from.size() - tail - head);
        }
        if (to.size() - tail > head) {
            visitor.onlyAfter(head, to.size() - tail - head);
        }
        for (int i = tail; i > 0; i--) {
            visitor.both(from.size() - i, to.size() - i);
        }
    }

    private static List<String> bodies(List<Word> words) {
        return words.stream().map(Word::body).toList();
    }

    /**
     * The steps word comparisons may still take: each pair of words compared is one, and each diagonal
     * Myers' algorithm visits at an edit distance is one (it visits 2d + 1 at distance d). One comparison
     * takes at most {@link #STEPS_PER_COMPARISON} of them. Not thread-safe: one answer's comparisons share one.
     */
    static final class Budget implements DiffAlgorithmListener {

        private long left;
        private long leftInComparison;

        Budget(long steps) {
            this.left = steps;
        }

        private boolean equal(String a, String b) {
            spend(1);
            return Objects.equals(a, b);
        }

        @Override
        public void diffStart() {
            leftInComparison = STEPS_PER_COMPARISON;
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
            leftInComparison -= steps;
            if (left < 0 || leftInComparison < 0) {
                left = Math.max(left, 0);
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
