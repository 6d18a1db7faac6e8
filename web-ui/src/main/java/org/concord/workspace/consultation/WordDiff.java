package org.concord.workspace.consultation;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level diff of two texts, for an amendment shown as tracked changes beside the provision it changes.
 * Both texts are cut into tokens that, joined, give back the text exactly: words (letters, digits and their
 * marks), runs of white space, and single characters of anything else (punctuation, an emoji with its
 * modifiers, each Chinese or Japanese character). A character as a reader sees it (a grapheme cluster) is
 * never split. The tokens are compared with java-diff-utils (Myers), and the result is a list of runs in
 * which the EQUAL and DELETE runs join to the old text and the EQUAL and INSERT runs to the new one.
 */
final class WordDiff {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private WordDiff() {
    }

    enum Op { EQUAL, INSERT, DELETE }

    /** A stretch of text that both texts share, or that only the new (INSERT) or the old (DELETE) one has. */
    record Run(Op op, String text) {
    }

    /** The runs that turn {@code before} into {@code after}; adjacent runs of one kind are merged. */
    static List<Run> diff(String before, String after) {
        List<String> from = tokens(before);
        List<String> to = tokens(after);
        Patch<String> patch = DiffUtils.diff(from, to);
        List<Run> runs = new ArrayList<>();
        int position = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int start = delta.getSource().getPosition();
            add(runs, Op.EQUAL, from.subList(position, start));
            add(runs, Op.DELETE, delta.getSource().getLines());
            add(runs, Op.INSERT, delta.getTarget().getLines());
            position = start + delta.getSource().size();
        }
        add(runs, Op.EQUAL, from.subList(position, from.size()));
        return runs;
    }

    /** The text cut into words, white space and single other characters; joined, they are the text. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return tokens;
        }
        StringBuilder current = new StringBuilder();
        Kind currentKind = null;
        Matcher graphemes = GRAPHEME.matcher(text);
        while (graphemes.find()) {
            String grapheme = graphemes.group();
            Kind kind = kind(grapheme);
            boolean joins = kind == currentKind && (kind == Kind.WORD || kind == Kind.SPACE);
            if (!joins && current.length() > 0) {
                tokens.add(current.toString());
                current.setLength(0);
            }
            current.append(grapheme);
            currentKind = kind;
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private enum Kind { WORD, SPACE, OTHER }

    private static Kind kind(String grapheme) {
        int first = grapheme.codePointAt(0);
        if (Character.isWhitespace(first) || Character.isSpaceChar(first)) {
            return Kind.SPACE;
        }
        if (Character.isLetterOrDigit(first) && !ideographic(first)) {
            return Kind.WORD;
        }
        return Kind.OTHER;
    }

    /** Chinese and Japanese characters: each is a word of its own, as their texts have no spaces. */
    private static boolean ideographic(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return Character.isIdeographic(codePoint) || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA;
    }

    private static void add(List<Run> runs, Op op, List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        String text = String.join("", tokens);
        if (!runs.isEmpty() && runs.get(runs.size() - 1).op() == op) {
            Run last = runs.remove(runs.size() - 1);
            runs.add(new Run(op, last.text() + text));
        } else {
            runs.add(new Run(op, text));
        }
    }
}
