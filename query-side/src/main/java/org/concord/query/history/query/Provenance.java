package org.concord.query.history.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Word-level blame of one provision: its wording as runs of words, each run with the
 * {@link Attribution} of the change that introduced it. A new wording keeps the attribution of every
 * word it shares with the previous one; its other words are the new change's.
 */
public record Provenance(List<Span> spans) {

    public record Span(String text, Attribution by) {
    }

    public Provenance {
        spans = List.copyOf(spans);
    }

    /** A wording that is all new: a provision as created or inserted. */
    public static Provenance of(String text, Attribution by) {
        List<String> words = Words.of(text);
        return join(words, by(words.size(), by));
    }

    public String text() {
        return spans.stream().map(Span::text).reduce("", String::concat);
    }

    /** The provenance of {@code newText}, which replaced this wording in the change {@code by}. */
    public Provenance revisedTo(String newText, Attribution by) {
        return revisedTo(newText, by, null, null);
    }

    /**
     * The provenance of {@code newText}, an amendment's wording as a drafter accepted it: words the
     * amendment proposed are its author's ({@code by}); words the drafter wrote instead are the
     * drafter's ({@code modifiedBy}). Without a proposal, every new word is {@code by}'s.
     */
    public Provenance revisedTo(String newText, Attribution by, String proposedText, Attribution modifiedBy) {
        List<String> before = new ArrayList<>();
        List<Attribution> beforeBy = new ArrayList<>();
        for (Span span : spans) {
            for (String word : Words.of(span.text())) {
                before.add(word);
                beforeBy.add(span.by());
            }
        }
        List<String> after = Words.of(newText);
        Attribution[] afterBy = by(after.size(), proposedText == null ? by : modifiedBy);
        if (proposedText != null) {
            Words.compare(Words.of(proposedText), after, new Words.Visitor() {
                @Override
                public void both(int proposedFrom, int afterFrom, int length) {
                    Arrays.fill(afterBy, afterFrom, afterFrom + length, by);
                }
            });
        }
        Words.compare(before, after, new Words.Visitor() {
            @Override
            public void both(int beforeFrom, int afterFrom, int length) {
                for (int i = 0; i < length; i++) {
                    afterBy[afterFrom + i] = beforeBy.get(beforeFrom + i);
                }
            }
        });
        return join(after, afterBy);
    }

    private static Attribution[] by(int words, Attribution by) {
        Attribution[] attributions = new Attribution[words];
        Arrays.fill(attributions, by);
        return attributions;
    }

    private static Provenance join(List<String> words, Attribution[] by) {
        List<Span> spans = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i > 0 && !Objects.equals(by[i], by[i - 1])) {
                spans.add(new Span(run.toString(), by[i - 1]));
                run.setLength(0);
            }
            run.append(words.get(i));
        }
        if (!words.isEmpty()) {
            spans.add(new Span(run.toString(), by[words.size() - 1]));
        }
        return new Provenance(spans);
    }
}
