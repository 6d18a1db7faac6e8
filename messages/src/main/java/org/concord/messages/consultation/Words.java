package org.concord.messages.consultation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text as a list of words, each with the white space after it, so that joining the words gives the
 * text back exactly. A word is a run of letters and digits (with inner hyphens and apostrophes, as in
 * "hacking-for-hire" or "State's"), a single Chinese or Japanese character (those scripts put no space
 * between words), or any other single character such as a punctuation mark or an emoji, so that adding a
 * clause before a full stop leaves the full stop alone. Leading white space is a word without letters.
 * A character is what a reader sees as one (a grapheme cluster: an emoji with its skin tone or ZWJ
 * sequence, a letter with its combining marks, CR LF), so no diff splits one; white space is Unicode's,
 * no-break and ideographic spaces and line separators included.
 * <p>
 * The history's word diff matches words by their letters alone, so that re-spacing a sentence does not
 * unmatch its words; the white space after two matched words is compared on its own.
 * <p>
 * A selection (a comment's anchor) counts these words from 0, leading white space not counted
 * ({@link #count}, {@link #quote}); docs/api.md defines them for a browser. Stored anchors hold such
 * offsets, so a change to what a word is moves the words every stored anchor points at.
 */
public final class Words {

    private static final Pattern CHARACTER = Pattern.compile("\\X");

    /** A word: what is printed ({@code body}, empty only for leading white space) and the white space after it. */
    public record Word(String body, String space) {
    }

    private Words() {
    }

    public static List<Word> of(String text) {
        List<Word> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        List<String> characters = new ArrayList<>();
        Matcher matcher = CHARACTER.matcher(text);
        while (matcher.find()) {
            characters.add(matcher.group());
        }
        int at = endOfSpace(characters, 0);
        if (at > 0) {
            words.add(new Word("", String.join("", characters.subList(0, at))));
        }
        while (at < characters.size()) {
            int bodyEnd = endOfBody(characters, at);
            int spaceEnd = endOfSpace(characters, bodyEnd);
            words.add(new Word(String.join("", characters.subList(at, bodyEnd)), String.join("", characters.subList(bodyEnd, spaceEnd))));
            at = spaceEnd;
        }
        return words;
    }

    /** The index in {@code words} of the word a selection counts as 0: 1 after leading white space, else 0. */
    public static int firstCounted(List<Word> words) {
        return !words.isEmpty() && words.get(0).body().isEmpty() ? 1 : 0;
    }

    /** How many words a selection counts in {@code text}. */
    public static int count(String text) {
        List<Word> words = of(text);
        return words.size() - firstCounted(words);
    }

    /**
     * Words [start, end) of {@code text}, counted as a selection counts them, as they read: from the first
     * character of the first to the last character of the last, the white space between them kept.
     *
     * @throws IndexOutOfBoundsException unless 0 <= start < end <= {@link #count}
     */
    public static String quote(String text, int start, int end) {
        List<Word> words = of(text);
        int first = firstCounted(words);
        if (start < 0 || end <= start || end > words.size() - first) {
            throw new IndexOutOfBoundsException("words [" + start + ", " + end + ") of " + (words.size() - first));
        }
        StringBuilder quote = new StringBuilder();
        for (int i = first + start; i < first + end; i++) {
            quote.append(words.get(i).body());
            if (i < first + end - 1) {
                quote.append(words.get(i).space());
            }
        }
        return quote.toString();
    }

    private static int endOfSpace(List<String> characters, int from) {
        int end = from;
        while (end < characters.size() && characters.get(end).codePoints().allMatch(Words::isWhiteSpace)) {
            end++;
        }
        return end;
    }

    private static int endOfBody(List<String> characters, int from) {
        if (!isLetter(characters, from)) {
            return from + 1;
        }
        int end = from + 1;
        while (isLetter(characters, end) || isJoiner(characters, end) && isLetter(characters, end + 1)) {
            end += isLetter(characters, end) ? 1 : 2;
        }
        return end;
    }

    /** A character that starts with a letter, digit or mark of a script that puts spaces between words. */
    private static boolean isLetter(List<String> characters, int at) {
        if (at >= characters.size()) {
            return false;
        }
        int first = characters.get(at).codePointAt(0);
        if (!Character.isLetterOrDigit(first) && !isMark(first) && Character.getType(first) != Character.LETTER_NUMBER
                && Character.getType(first) != Character.OTHER_NUMBER) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(first);
        return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
                && script != Character.UnicodeScript.KATAKANA;
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isJoiner(List<String> characters, int at) {
        if (at >= characters.size()) {
            return false;
        }
        String character = characters.get(at);
        return character.equals("'") || character.equals("’") || character.equals("-");
    }

    /** Unicode's White_Space property, which Character.isWhitespace leaves no-break spaces out of. */
    private static boolean isWhiteSpace(int codePoint) {
        return codePoint >= 0x09 && codePoint <= 0x0D || codePoint == 0x20 || codePoint == 0x85 || codePoint == 0xA0
                || codePoint == 0x1680 || codePoint >= 0x2000 && codePoint <= 0x200A || codePoint == 0x2028
                || codePoint == 0x2029 || codePoint == 0x202F || codePoint == 0x205F || codePoint == 0x3000;
    }
}
