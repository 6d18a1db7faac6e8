package org.concord.query.history.query;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

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
 * Words are matched by their letters alone, so that re-spacing a sentence does not unmatch its words;
 * the white space after two matched words is compared on its own, and a difference there is a change
 * like any other: in legal text a no-break space, a doubled space or a line break matters.
 */
final class Words {

    private static final Pattern CHARACTER = Pattern.compile("\\X");

    /** A word: what is printed ({@code body}, empty only for leading white space) and the white space after it. */
    record Word(String body, String space) {
    }

    private Words() {
    }

    static List<Word> of(String text) {
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

    /**
     * Walks the word-level difference from {@code before} to {@code after} in order: each pair of words
     * matched by their bodies, and the runs of words only {@code before} has and only {@code after} has.
     */
    static void compare(List<Word> before, List<Word> after, Visitor visitor) {
        int keptBefore = 0;
        int keptAfter = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(bodies(before), bodies(after)).getDeltas()) {
            int from = delta.getSource().getPosition();
            int to = delta.getTarget().getPosition();
            for (int i = 0; i < to - keptAfter; i++) {
                visitor.both(keptBefore + i, keptAfter + i);
            }
            if (delta.getSource().size() > 0) {
                visitor.onlyBefore(from, delta.getSource().size());
            }
            if (delta.getTarget().size() > 0) {
                visitor.onlyAfter(to, delta.getTarget().size());
            }
            keptBefore = from + delta.getSource().size();
            keptAfter = to + delta.getTarget().size();
        }
        for (int i = 0; i < after.size() - keptAfter; i++) {
            visitor.both(keptBefore + i, keptAfter + i);
        }
    }

    private static List<String> bodies(List<Word> words) {
        return words.stream().map(Word::body).toList();
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
