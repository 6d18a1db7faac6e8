package org.concord.workspace.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The API's word-level runs (EQUAL, INSERT, DELETE) made ready to show: white space that changed is given a
 * visible mark, as a word processor's formatting marks show it (· space, ° no-break space, → tab, ↵ line
 * break), so that a change of white space alone is never an empty {@code <ins>} or {@code <del>}.
 * The mark stands in for the space, tab or no-break space it marks (printed as well, it would be struck
 * through or underlined and read as one more dash); a line break is printed after its mark, so that the
 * text breaks where it does.
 */
final class DiffRuns {

    private DiffRuns() {
    }

    /**
     * One run: exactly one of {@code equal}, {@code inserted}, {@code deleted} is true.
     *
     * @param pieces the run's text, in order, with its marked white space
     */
    record RunView(boolean equal, boolean inserted, boolean deleted, List<Piece> pieces) {
    }

    /**
     * Text, or one changed white-space character (or CR LF) with its mark.
     *
     * @param text     the characters exactly as the API gave them
     * @param marked   true for changed white space
     * @param mark     the visible mark (shown, hidden from screen readers), or empty
     * @param markName what the mark stands for, for screen readers, or empty
     * @param breaks   true for a marked line break: the text is printed after the mark
     */
    record Piece(String text, boolean marked, String mark, String markName, boolean breaks) {

        static Piece text(String text) {
            return new Piece(text, false, "", "", false);
        }
    }

    /** @param names the name of each mark in the page's language, by message code ({@code history.ws.*}) */
    static List<RunView> views(List<ApiHistory.Run> runs, Function<String, String> names) {
        List<RunView> views = new ArrayList<>();
        if (runs == null) {
            return views;
        }
        for (ApiHistory.Run run : runs) {
            String text = run.text() == null ? "" : run.text();
            switch (run.op() == null ? "EQUAL" : run.op()) {
                case "INSERT" -> views.add(new RunView(false, true, false, pieces(text, names)));
                case "DELETE" -> views.add(new RunView(false, false, true, pieces(text, names)));
                default -> views.add(new RunView(true, false, false, List.of(Piece.text(text))));
            }
        }
        return views;
    }

    /**
     * A changed run's pieces. In a run of white space alone every character is marked (the change is
     * the white space); in a run with words, ordinary spaces between them are left as they are and only the
     * other white space (line breaks, tabs, no-break and other spaces) is marked.
     */
    static List<Piece> pieces(String text, Function<String, String> names) {
        boolean whiteOnly = !text.isEmpty() && text.codePoints().allMatch(DiffRuns::white);
        List<Piece> pieces = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int length = Character.charCount(cp);
            if (cp == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                length = 2;
            }
            String code = white(cp) && (whiteOnly || cp != ' ') ? markCode(cp) : null;
            if (code == null) {
                plain.append(text, i, i + length);
            } else {
                if (!plain.isEmpty()) {
                    pieces.add(Piece.text(plain.toString()));
                    plain.setLength(0);
                }
                pieces.add(new Piece(text.substring(i, i + length), true, MARKS.get(code), names.apply("history.ws." + code),
                        code.equals("lineBreak")));
            }
            i += length;
        }
        if (!plain.isEmpty()) {
            pieces.add(Piece.text(plain.toString()));
        }
        return pieces;
    }

    private static final Map<String, String> MARKS = Map.of(
            "space", "·", "noBreakSpace", "°", "tab", "→", "lineBreak", "↵", "otherSpace", "·");

    static boolean white(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static String markCode(int cp) {
        return switch (cp) {
            case ' ' -> "space";
            case '\u00A0', '\u202F', '\u2007' -> "noBreakSpace";
            case '\t' -> "tab";
            case '\n', '\r', '\u000B', '\u000C', '\u0085', '\u2028', '\u2029' -> "lineBreak";
            default -> "otherSpace";
        };
    }
}
