package org.concord.query.history.query;

import java.util.ArrayList;
import java.util.List;

/** A word-level diff of one provision's wording, as runs of EQUAL, DELETE and INSERT text. */
public final class InlineDiff {

    public enum Op { EQUAL, INSERT, DELETE }

    public record Run(Op op, String text) {
    }

    private InlineDiff() {
    }

    public static List<Run> between(String before, String after) {
        List<String> beforeWords = Words.of(before);
        List<String> afterWords = Words.of(after);
        List<Run> runs = new ArrayList<>();
        Words.compare(beforeWords, afterWords, new Words.Visitor() {
            @Override
            public void both(int beforeFrom, int afterFrom, int length) {
                add(runs, Op.EQUAL, afterWords.subList(afterFrom, afterFrom + length));
            }

            @Override
            public void onlyBefore(int from, int length) {
                add(runs, Op.DELETE, beforeWords.subList(from, from + length));
            }

            @Override
            public void onlyAfter(int from, int length) {
                add(runs, Op.INSERT, afterWords.subList(from, from + length));
            }
        });
        return runs;
    }

    private static void add(List<Run> runs, Op op, List<String> words) {
        String text = String.join("", words);
        if (!runs.isEmpty() && runs.get(runs.size() - 1).op() == op) {
            text = runs.remove(runs.size() - 1).text() + text;
        }
        runs.add(new Run(op, text));
    }
}
