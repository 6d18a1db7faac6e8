package org.concord.query.history.query;

import org.concord.messages.consultation.Words;
import org.concord.messages.consultation.Words.Word;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Word-level blame of one provision: its wording as runs of text, each run with the {@link Attribution}
 * of the change that introduced it; joined, the runs are the wording exactly. A new wording keeps the
 * attribution of every word it shares with the previous one; its other words are the new change's.
 * <p>
 * White space is attributed on its own. A word keeps its author when only the white space after it
 * changes, and that new white space is the change's: whoever turns a space into a no-break space or
 * a line break made a change that matters in legal text, and the word's author did not write it.
 * White space left as it was keeps its attribution.
 */
public record Provenance(List<Span> spans) {

    public record Span(String text, Attribution by) {
    }

    public Provenance {
        spans = List.copyOf(spans);
    }

    /** A wording that is all new: a provision as created or inserted. */
    public static Provenance of(String text, Attribution by) {
        List<Word> words = Words.of(text);
        return join(words, filled(words.size(), by), filled(words.size(), by));
    }

    public String text() {
        return spans.stream().map(Span::text).reduce("", String::concat);
    }

    /** The provenance of {@code newText}, which replaced this wording in the change {@code by}. */
    public Provenance revisedTo(String newText, Attribution by) {
        return revisedTo(newText, by, null, null);
    }

    /**
     * The provenance of {@code newText}, an amendment's wording as a drafter accepted it: words and white
     * space the amendment proposed are its author's ({@code by}); what the drafter wrote instead is the
     * drafter's ({@code modifiedBy}). Without a proposal, everything new is {@code by}'s.
     */
    public Provenance revisedTo(String newText, Attribution by, String proposedText, Attribution modifiedBy) {
        return proposedText == null ? merging(newText, List.of(), by) : merging(newText, List.of(new Proposal(proposedText, by)), modifiedBy);
    }

    /** A wording someone proposed ({@code by}: its author, with the amendment it came in). */
    public record Proposal(String text, Attribution by) {
    }

    /**
     * The provenance of {@code newText}, which merges several proposals (a compromise of amendments): each new word
     * found in a proposal (word-level LCS, the proposals tried in order, the first match wins) is that proposal's
     * author's, the rest {@code rest}'s; words already in this wording keep their attribution.
     */
    public Provenance merging(String newText, List<Proposal> proposals, Attribution rest) {
        List<Word> after = Words.of(newText);
        Attribution[] bodyBy = filled(after.size(), rest);
        Attribution[] spaceBy = filled(after.size(), rest);
        boolean[] matched = new boolean[after.size()];
        for (Proposal proposal : proposals) {
            List<Word> proposed = Words.of(proposal.text());
            WordDiff.compare(proposed, after, (proposedWord, afterWord) -> {
                if (matched[afterWord]) {
                    return;
                }
                matched[afterWord] = true;
                bodyBy[afterWord] = proposal.by();
                if (proposed.get(proposedWord).space().equals(after.get(afterWord).space())) {
                    spaceBy[afterWord] = proposal.by();
                }
            });
        }
        String text = text();
        List<Word> before = Words.of(text);
        Attribution[] charBy = attributionOfEachChar(text.length());
        int[] start = starts(before);
        WordDiff.compare(before, after, (beforeWord, afterWord) -> {
            Word was = before.get(beforeWord);
            if (!was.body().isEmpty()) {
                bodyBy[afterWord] = charBy[start[beforeWord]];
            }
            if (!was.space().isEmpty() && was.space().equals(after.get(afterWord).space())) {
                spaceBy[afterWord] = charBy[start[beforeWord] + was.body().length()];
            }
        });
        return join(after, bodyBy, spaceBy);
    }

    private Attribution[] attributionOfEachChar(int length) {
        Attribution[] by = new Attribution[length];
        int at = 0;
        for (Span span : spans) {
            Arrays.fill(by, at, at + span.text().length(), span.by());
            at += span.text().length();
        }
        return by;
    }

    private static int[] starts(List<Word> words) {
        int[] starts = new int[words.size()];
        int at = 0;
        for (int i = 0; i < words.size(); i++) {
            starts[i] = at;
            at += words.get(i).body().length() + words.get(i).space().length();
        }
        return starts;
    }

    private static Attribution[] filled(int words, Attribution by) {
        Attribution[] attributions = new Attribution[words];
        Arrays.fill(attributions, by);
        return attributions;
    }

    private static Provenance join(List<Word> words, Attribution[] bodyBy, Attribution[] spaceBy) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            append(spans, words.get(i).body(), bodyBy[i]);
            append(spans, words.get(i).space(), spaceBy[i]);
        }
        return new Provenance(spans);
    }

    private static void append(List<Span> spans, String text, Attribution by) {
        if (text.isEmpty()) {
            return;
        }
        if (!spans.isEmpty() && Objects.equals(spans.get(spans.size() - 1).by(), by)) {
            text = spans.remove(spans.size() - 1).text() + text;
        }
        spans.add(new Span(text, by));
    }
}
