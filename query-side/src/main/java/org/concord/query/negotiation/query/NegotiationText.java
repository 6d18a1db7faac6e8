package org.concord.query.negotiation.query;

import org.concord.messages.consultation.Words;
import org.concord.messages.consultation.Words.Word;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a provision reads while passages of it are bracketed, in plain text: the negotiation text shows each
 * bracketed passage as {@code [the words]}, or, when alternatives stand for it, {@code [Alt 1: … / Alt 2: …]};
 * the clean text leaves every bracketed passage out (the agreed wording only), with the white space before it (a passage
 * at the start, with the white space after it), so that "half [before 2030]." reads "half.". Offsets count words as
 * {@link Words} does for a selection. Also keeps the offsets of the other brackets of a provision right when
 * one is resolved.
 */
public final class NegotiationText {

    /** A bracketed passage: words [start, end) of the wording, and the texts of its alternatives, in order (maybe none). */
    public record Passage(int start, int end, List<String> alternatives) {
        public Passage {
            alternatives = List.copyOf(alternatives);
        }
    }

    private NegotiationText() {
    }

    /** "Alt 1", "Alt 2", …: how an alternative is called, by its place (from 0) among its bracket's. */
    public static String label(int index) {
        return "Alt " + (index + 1);
    }

    /** The wording with each passage in brackets; the wording itself when there is none. */
    public static String negotiation(String text, List<Passage> passages) {
        return render(text, passages, true);
    }

    /** The wording with every bracketed passage left out. */
    public static String clean(String text, List<Passage> passages) {
        return render(text, passages, false);
    }

    /**
     * How far the words after a resolved passage moved: the resolution replaced one passage of
     * {@code before} and nothing else, so the difference of the word counts is the passage's.
     */
    public static int shift(String before, String after) {
        return Words.count(after) - Words.count(before);
    }

    private static String render(String text, List<Passage> passages, boolean bracketed) {
        if (text == null || passages.isEmpty()) {
            return text;
        }
        List<Passage> ordered = new ArrayList<>(passages);
        ordered.sort(Comparator.comparingInt(Passage::start));
        List<Word> words = Words.of(text);
        int first = Words.firstCounted(words);
        int counted = words.size() - first;
        StringBuilder rendered = new StringBuilder(first == 1 ? words.get(0).space() : "");
        int leading = rendered.length();
        // the white space after the last word written: a passage left out takes its place with the white space after it
        int lastSpace = 0;
        int at = 0;
        for (Passage passage : ordered) {
            if (passage.start() < at || passage.end() > counted || passage.start() >= passage.end()) {
                continue;
            }
            for (; at < passage.start(); at++) {
                Word word = words.get(first + at);
                rendered.append(word.body()).append(word.space());
                lastSpace = word.space().length();
            }
            String spaceAfter = words.get(first + passage.end() - 1).space();
            if (bracketed) {
                rendered.append('[').append(passage.alternatives().isEmpty()
                        ? Words.quote(text, passage.start(), passage.end()) : alternatives(passage.alternatives())).append(']')
                        .append(spaceAfter);
                lastSpace = spaceAfter.length();
            } else if (rendered.length() > leading) {
                rendered.setLength(rendered.length() - lastSpace);
                rendered.append(spaceAfter);
                lastSpace = spaceAfter.length();
            }
            at = passage.end();
        }
        for (; at < counted; at++) {
            Word word = words.get(first + at);
            rendered.append(word.body()).append(word.space());
        }
        return rendered.toString();
    }

    private static String alternatives(List<String> texts) {
        List<String> labelled = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            labelled.add(label(i) + ": " + texts.get(i));
        }
        return String.join(" / ", labelled);
    }
}
