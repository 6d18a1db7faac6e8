package org.concord.query.history.query;

import org.concord.messages.consultation.Words;
import org.concord.messages.consultation.Words.Word;
import org.concord.query.history.query.HistoryViews.Wording;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Follows words of one provision through its later wordings to its last, with the word diff of each
 * wording against the next: a word the diff matches moves with it, a word it deletes is lost. Words are
 * counted as a selection counts them ({@link Words#count}). Each step's diff is computed once, however
 * many words are followed through it.
 */
public final class WordTrail {

    private final List<Wording> wordings;
    private final List<List<Word>> words = new ArrayList<>();
    /** For each step from wording i to i + 1, the place in wording i + 1 of each word of wording i, -1 if deleted. */
    private final List<int[]> steps = new ArrayList<>();

    /** The trail of a provision's wordings, as its history lists them: oldest first, one per version that changed it. */
    public WordTrail(List<Wording> wordings) {
        this.wordings = List.copyOf(wordings);
        this.wordings.forEach(wording -> words.add(Words.of(wording.text())));
    }

    /** Where words of a provision are now: for each word followed, its place in {@code wording}, or -1 if it was deleted. */
    public record Followed(int[] places, String wording) {

        /** Whether some word followed is still there. */
        public boolean anyLeft() {
            return wording != null && Arrays.stream(places).anyMatch(place -> place >= 0);
        }
    }

    /**
     * Where words [start, end) of the provision's wording in {@code version} are in its last wording: every
     * place -1 and the wording null when the last wording deletes the provision. Empty when the trail does not
     * hold those words: the provision did not exist in that version or had fewer words. The caller makes sure
     * the history has recorded {@code version}, else the last wording recorded stands for it.
     */
    public Optional<Followed> follow(int version, int start, int end) {
        int from = -1;
        for (int i = 0; i < wordings.size() && wordings.get(i).version() <= version; i++) {
            from = i;
        }
        if (from < 0 || wordings.get(from).deleted() || start < 0 || end <= start
                || end > words.get(from).size() - Words.firstCounted(words.get(from))) {
            return Optional.empty();
        }
        int[] places = new int[end - start];
        int first = Words.firstCounted(words.get(from));
        for (int i = 0; i < places.length; i++) {
            places[i] = first + start + i;
        }
        for (int step = from; step < wordings.size() - 1; step++) {
            int[] next = step(step);
            for (int i = 0; i < places.length; i++) {
                places[i] = places[i] < 0 ? -1 : next[places[i]];
            }
        }
        Wording last = wordings.get(wordings.size() - 1);
        if (last.deleted()) {
            Arrays.fill(places, -1);
            return Optional.of(new Followed(places, null));
        }
        int lastFirst = Words.firstCounted(words.get(words.size() - 1));
        for (int i = 0; i < places.length; i++) {
            places[i] = places[i] < 0 ? -1 : places[i] - lastFirst;
        }
        return Optional.of(new Followed(places, last.text()));
    }

    private int[] step(int from) {
        while (steps.size() <= from) {
            int at = steps.size();
            int[] next = new int[words.get(at).size()];
            Arrays.fill(next, -1);
            WordDiff.compare(words.get(at), words.get(at + 1), (before, after) -> next[before] = after);
            steps.add(next);
        }
        return steps.get(from);
    }
}
