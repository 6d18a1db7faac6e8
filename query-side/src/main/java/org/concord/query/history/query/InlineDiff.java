package org.concord.query.history.query;

import org.concord.messages.consultation.Words;
import org.concord.messages.consultation.Words.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * A word-level diff of one provision's wording, as runs of EQUAL, DELETE and INSERT text: the EQUAL and
 * DELETE runs spell the old wording exactly, the EQUAL and INSERT runs the new one, so a change of white
 * space alone is a change too. Between two EQUAL runs, what was deleted comes before what was inserted.
 */
public final class InlineDiff {

    public enum Op { EQUAL, INSERT, DELETE }

    public record Run(Op op, String text) {
    }

    private InlineDiff() {
    }

    public static List<Run> between(String before, String after) {
        return between(before, after, new WordDiff.Budget(WordDiff.STEPS_PER_COMPARISON));
    }

    /** As {@link #between(String, String)}, within {@code budget} (see {@link WordDiff}). */
    static List<Run> between(String before, String after, WordDiff.Budget budget) {
        List<Word> beforeWords = Words.of(before);
        List<Word> afterWords = Words.of(after);
        Runs runs = new Runs();
        WordDiff.compare(beforeWords, afterWords, budget, new WordDiff.Visitor() {
            @Override
            public void both(int beforeWord, int afterWord) {
                Word was = beforeWords.get(beforeWord);
                Word is = afterWords.get(afterWord);
                runs.equal(is.body());
                if (was.space().equals(is.space())) {
                    runs.equal(is.space());
                } else {
                    runs.deleted(was.space());
                    runs.inserted(is.space());
                }
            }

            @Override
            public void onlyBefore(int from, int length) {
                beforeWords.subList(from, from + length).forEach(word -> runs.deleted(word.body() + word.space()));
            }

            @Override
            public void onlyAfter(int from, int length) {
                afterWords.subList(from, from + length).forEach(word -> runs.inserted(word.body() + word.space()));
            }
        });
        return runs.done();
    }

    /** Collects text into runs, one EQUAL run and then at most one DELETE and one INSERT run between matches. */
    private static final class Runs {

        private final List<Run> runs = new ArrayList<>();
        private final StringBuilder equal = new StringBuilder();
        private final StringBuilder deleted = new StringBuilder();
        private final StringBuilder inserted = new StringBuilder();

        void equal(String text) {
            if (!text.isEmpty()) {
                flushChanges();
                equal.append(text);
            }
        }

        void deleted(String text) {
            if (!text.isEmpty()) {
                flush(Op.EQUAL, equal);
                deleted.append(text);
            }
        }

        void inserted(String text) {
            if (!text.isEmpty()) {
                flush(Op.EQUAL, equal);
                inserted.append(text);
            }
        }

        List<Run> done() {
            flush(Op.EQUAL, equal);
            flushChanges();
            return runs;
        }

        private void flushChanges() {
            flush(Op.DELETE, deleted);
            flush(Op.INSERT, inserted);
        }

        private void flush(Op op, StringBuilder text) {
            if (!text.isEmpty()) {
                runs.add(new Run(op, text.toString()));
                text.setLength(0);
            }
        }
    }
}
