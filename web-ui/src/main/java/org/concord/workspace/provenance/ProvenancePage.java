package org.concord.workspace.provenance;

import java.util.List;

/**
 * Who wrote the current text: each provision's words, marked by where they came from, and a key.
 *
 * @param intro      what the page shows, with the version and its number of words
 * @param textHeading "Text of version 10"
 * @param legend     one row per source: the drafters, then each stakeholder type
 * @param totalWords the number of words of the text, formatted
 * @param provisions the current text, in order
 */
record ProvenancePage(String intro, String textHeading, List<LegendRow> legend, String totalWords, List<Provision> provisions) {

    /**
     * @param styleClass the CSS class of the source's style
     * @param style      the style in words ("orange, solid underline"), shown in that style
     * @param source     "Drafters' text", "State", ...
     * @param words      how many words of the text came from it, formatted
     * @param share      their share of the text, as a percentage
     */
    record LegendRow(String styleClass, String style, String source, String words, String share) {
    }

    /** @param anchor the provision's stable anchor, {@code p-<provisionId>} */
    record Provision(String anchor, String label, List<Span> spans) {
    }

    /**
     * Words of one source, with what to show on hover and focus.
     *
     * @param text       the words exactly as the API gave them
     * @param styleClass the CSS class of their source
     * @param href       where they came from: the amendment's disposition, or the drafters' version
     * @param tipId      the id of the description, for {@code aria-describedby}
     * @param tip        "Kenya (State), amendment d2e1fd6e, version 2"
     */
    record Span(String text, String styleClass, String href, String tipId, String tip) {
    }
}
