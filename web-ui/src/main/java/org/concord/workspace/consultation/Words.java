package org.concord.workspace.consultation;

import org.concord.messages.consultation.Words.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a provision's wording as a comment's anchor counts them (docs/api.md, "Comments on words"), with
 * their places in the text: the API's own tokenizer ({@link org.concord.messages.consultation.Words}), so that
 * words selected here are the words the API stores and follows. The browser counts the same way
 * ({@code words()} in static/js/selection.js, the reference of docs/api.md): change both together, or neither.
 */
public final class Words {

    private Words() {
    }

    /** A word's place in the text: its first character and the one after its last (UTF-16 offsets, as in JavaScript). */
    public record Span(int start, int end) {
    }

    public static List<Span> of(String text) {
        List<Span> spans = new ArrayList<>();
        int offset = 0;
        for (Word word : org.concord.messages.consultation.Words.of(text)) {
            if (!word.body().isEmpty()) {
                spans.add(new Span(offset, offset + word.body().length()));
            }
            offset += word.body().length() + word.space().length();
        }
        return spans;
    }

    /** Whether words [start, end) are a selection of at least one word of {@code text}. */
    public static boolean selects(String text, int start, int end) {
        return start >= 0 && start < end && end <= of(text).size();
    }

    /**
     * The characters of words [start, end) of {@code text}, from the first word's first character to the last
     * word's last, or null when those words are not in it.
     */
    public static Span characters(String text, int start, int end) {
        if (!selects(text, start, end)) {
            return null;
        }
        List<Span> words = of(text);
        return new Span(words.get(start).start(), words.get(end - 1).end());
    }

    /** Words [start, end) as they read in {@code text}, the white space between them kept; null when not in it. */
    public static String quote(String text, int start, int end) {
        Span characters = characters(text, start, end);
        return characters == null ? null : text.substring(characters.start(), characters.end());
    }
}
