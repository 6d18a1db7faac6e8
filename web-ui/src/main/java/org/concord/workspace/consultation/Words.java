package org.concord.workspace.consultation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a provision's wording as a selection counts them, for comment anchors and amendments written
 * from a selection: a word is a maximal run of non-white-space characters, counted from 0. The browser counts
 * the same way ({@code words()} in static/js/selection.js): change both together, or neither.
 */
public final class Words {

    private static final Pattern WORD = Pattern.compile("\\S+", Pattern.UNICODE_CHARACTER_CLASS);

    private Words() {
    }

    /** A word's place in the text: its first character and the one after its last (UTF-16 offsets, as in JavaScript). */
    public record Span(int start, int end) {
    }

    public static List<Span> of(String text) {
        List<Span> words = new ArrayList<>();
        Matcher word = WORD.matcher(text == null ? "" : text);
        while (word.find()) {
            words.add(new Span(word.start(), word.end()));
        }
        return words;
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
