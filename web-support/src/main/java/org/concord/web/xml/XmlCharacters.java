package org.concord.web.xml;

/**
 * What Concord writes into XML for a text it stores. Texts are stored exactly as sent, and JSON carries
 * every character, but XML 1.0 cannot carry the C0 control characters other than tab, line feed and
 * carriage return, nor U+FFFE and U+FFFF: a document holding one is not XML at all. Every XML writer
 * passes its texts through {@link #legal}: U+000B (the manual line break Word puts into pasted text) and
 * U+000C (a page break) become a line feed, any other such character U+FFFD, the replacement character.
 */
public final class XmlCharacters {

    private static final char REPLACEMENT = '\uFFFD';

    private XmlCharacters() {
    }

    /** The text with every character XML 1.0 cannot carry replaced; the same string when it holds none. */
    public static String legal(String text) {
        if (text == null || text.codePoints().allMatch(XmlCharacters::allowed)) {
            return text;
        }
        StringBuilder legal = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (allowed(c)) {
                legal.appendCodePoint(c);
            } else {
                legal.append(c == '\u000B' || c == '\u000C' ? '\n' : REPLACEMENT);
            }
        });
        return legal.toString();
    }

    /** XML 1.0's Char production; a lone surrogate half, which {@link String#codePoints} yields as itself, is not one. */
    private static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }
}
