package org.concord.workspace.consultation;

import org.concord.workspace.layout.Formats;

import java.util.List;

/**
 * What the text page says at its top after a button's form was sent (support, withdraw): the form answers 303
 * to the page with {@code ?notice=<name>}. Only these names are known; any other shows nothing, so an address
 * cannot make the page say something of its own.
 */
public final class Notices {

    public static final List<String> NAMES = List.of("supported", "unsupported", "withdrawn", "already-supported",
            "not-supporting", "own-amendment", "not-pending", "not-open", "round-opened", "round-closed", "adopted", "decided", "revised");

    private Notices() {
    }

    /** The notice's sentence in the page's language, or null. */
    static String text(String name, Formats formats) {
        return name != null && NAMES.contains(name) ? formats.message("consultation.notice." + name) : null;
    }
}
