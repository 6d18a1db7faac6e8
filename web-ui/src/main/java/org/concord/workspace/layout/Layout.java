package org.concord.workspace.layout;

import org.concord.workspace.api.SignedIn;

import java.util.List;

/**
 * What the frame of every page shows: the language and the switch to the other one, where a sign-in
 * should come back to, and the person signed in (null for an anonymous visitor).
 *
 * @param language  the page's language code, for {@code <html lang>}
 * @param here      this page's path and query, where signing in or out returns to
 * @param languages the language switch: each language with the link to this page in it
 * @param person    the person signed in, or null
 */
public record Layout(String language, String here, List<LanguageLink> languages, SignedIn person) {

    /** One entry of the language switch: the language's name written in that language, and its link. */
    public record LanguageLink(String code, String name, String href, boolean current) {
    }
}
