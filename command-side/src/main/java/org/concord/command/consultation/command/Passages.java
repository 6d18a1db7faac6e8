package org.concord.command.consultation.command;

import org.concord.messages.consultation.Words;

import java.util.List;

/**
 * Rewording a passage of a provision, words [start, end) as {@link Words} counts them: the words before and after
 * it keep their own white space, so a resolution changes nothing but the passage.
 */
final class Passages {

    private Passages() {
    }

    /** {@code text} with words [start, end) replaced by {@code wording}; the white space after the passage is kept. */
    static String reword(String text, int start, int end, String wording) {
        List<Words.Word> words = Words.of(text);
        int first = Words.firstCounted(words);
        StringBuilder reworded = new StringBuilder();
        for (int i = 0; i < first + start; i++) {
            reworded.append(words.get(i).body()).append(words.get(i).space());
        }
        reworded.append(wording);
        reworded.append(words.get(first + end - 1).space());
        for (int i = first + end; i < words.size(); i++) {
            reworded.append(words.get(i).body()).append(words.get(i).space());
        }
        return reworded.toString();
    }
}
