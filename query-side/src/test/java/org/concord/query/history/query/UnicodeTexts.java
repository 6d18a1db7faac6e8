package org.concord.query.history.query;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Texts for the properties of the inline diff and of provenance: words of several scripts, emoji with
 * modifiers and ZWJ sequences, combining marks and every kind of white space, or random code points;
 * and edits that derive one text from another, so that two texts share runs of words.
 */
final class UnicodeTexts {

    static final List<String> WORDS = List.of("The", "parties", "agree", "État", "e\u0301tat", "State's", "hacking-for-hire",
            "Article", "5(a)", "12", ".", ",", ";", "«", "»", "—", "(", ")", "الدول", "مُعَاهَدَة", "שָׁלוֹם", "מדינות",
            "各国应当监管", "締約国は", "한국", "👩🏽‍💻", "👨‍👩‍👧‍👦", "👍🏿", "🇫🇷", "❤️", "a\u0308\u0301");

    /** Space, doubled space, no-break spaces, tab, CR, LF, CRLF, vertical tab, form feed, line separator, ideographic space. */
    static final List<String> SPACES = List.of(" ", "  ", "\u00A0", "\u202F", "\t", "\r", "\n", "\r\n", "\u000B", "\f",
            "\u2028", "\u3000", " \n ");

    /** Code points that combine with their neighbours or are easily taken for something else. */
    private static final List<String> CODE_POINTS = List.of("a", "b", "1", "'", "-", ".", "\u0301", "\u0308", "\u200D",
            "\uD83C\uDFFD", "\uD83D\uDC69", "\uD83D\uDCBB", "\uD83C\uDDEB", "ا", "ש", "中", " ", "\u00A0", "\r", "\n", "\u2028");

    /** One edit of a text held as pieces: insert a piece, remove one or replace one. */
    record Edit(int kind, int position, String piece) {
    }

    /** A text and a list of edits to derive another from it. */
    record Revision(List<String> pieces, List<List<Edit>> edits) {
    }

    private UnicodeTexts() {
    }

    /** A text as the pieces it is joined from: words and white space, or single code points. */
    static Arbitrary<List<String>> pieces() {
        Arbitrary<String> word = Arbitraries.of(WORDS);
        Arbitrary<String> separator = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(SPACES)), Tuple.of(1, Arbitraries.just("")));
        Arbitrary<List<String>> sentence = Combinators.combine(separator.list().ofMaxSize(1),
                        Combinators.combine(word, separator).as(List::of).list().ofMaxSize(12))
                .as((leading, words) -> {
                    List<String> pieces = new ArrayList<>(leading);
                    words.forEach(pieces::addAll);
                    return pieces;
                });
        Arbitrary<List<String>> tricky = Arbitraries.of(CODE_POINTS).list().ofMaxSize(20);
        Arbitrary<List<String>> random = Arbitraries.strings().all().ofMaxLength(20).map(UnicodeTexts::codePoints);
        return Arbitraries.frequencyOf(Tuple.of(6, sentence), Tuple.of(2, tricky),
                Tuple.of(1, random));
    }

    static Arbitrary<List<Edit>> edits() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.of(SPACES), Arbitraries.of(CODE_POINTS));
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 40), piece)
                .as(Edit::new).list().ofMaxSize(4);
    }

    /** Two texts: either unrelated, or the second derived from the first by a few edits. */
    static Arbitrary<List<String>> pairs() {
        Arbitrary<List<String>> unrelated = Combinators.combine(pieces(), pieces())
                .as((before, after) -> List.of(String.join("", before), String.join("", after)));
        Arbitrary<List<String>> derived = Combinators.combine(pieces(), edits())
                .as((before, edits) -> List.of(String.join("", before), String.join("", apply(before, edits))));
        return Arbitraries.frequencyOf(Tuple.of(1, unrelated), Tuple.of(3, derived));
    }

    /** A first text and the edits of each later wording, each applied to the wording before it. */
    static Arbitrary<Revision> revisions() {
        return Combinators.combine(pieces(), edits().list().ofMaxSize(8)).as(Revision::new);
    }

    static List<String> apply(List<String> pieces, List<Edit> edits) {
        List<String> edited = new ArrayList<>(pieces);
        for (Edit edit : edits) {
            if (edit.kind() == 0 || edited.isEmpty()) {
                edited.add(edit.position() % (edited.size() + 1), edit.piece());
            } else if (edit.kind() == 1) {
                edited.remove(edit.position() % edited.size());
            } else {
                edited.set(edit.position() % edited.size(), edit.piece());
            }
        }
        return edited;
    }

    /** The offsets in {@code text} where one user-perceived character ends and the next begins. */
    static List<Integer> characterBoundaries(String text) {
        List<Integer> boundaries = new ArrayList<>(List.of(0));
        Matcher matcher = Pattern.compile("\\X").matcher(text);
        while (matcher.find()) {
            boundaries.add(matcher.end());
        }
        return boundaries;
    }

    private static List<String> codePoints(String text) {
        return text.codePoints().mapToObj(Character::toString).toList();
    }
}
