package org.concord.workspace.history;

import java.util.List;

/**
 * The text as it stood in one version: asked for by its number, or by a date and time (then with the
 * form, and perhaps its error, or the message that there was no text yet then).
 *
 * @param title      the page's heading
 * @param about      "Version 3 was made on 4 December 2026, 23:18:26 UTC", or empty
 * @param cause      why that version exists, in words, or empty
 * @param reason     the drafter's reason for accepting an amendment, or empty
 * @param message    a message instead of the text (no text yet then), or empty
 * @param provisions the text, in order; empty for a message or a form alone
 * @param links      links to versions around it and to the diffs
 * @param asOf       the form of "the text at a date and time", or null on a version's page
 * @param errors     the error summary, empty without errors
 */
record TextPage(String title, String about, String cause, String reason, String message, List<Provision> provisions,
                List<Link> links, Forms.AsOf asOf, List<Forms.Error> errors) {

    public boolean hasAbout() {
        return !about.isEmpty();
    }

    public boolean hasCause() {
        return !cause.isEmpty();
    }

    public boolean hasReason() {
        return !reason.isEmpty();
    }

    public boolean hasMessage() {
        return !message.isEmpty();
    }

    public boolean hasForm() {
        return asOf != null;
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /**
     * @param anchor      {@code p-<provisionId>}
     * @param label       "2.a.i"
     * @param text        its wording, exactly
     * @param historyHref its wordings over time
     * @param historyLabel the words of that link, naming the provision
     */
    record Provision(String anchor, String label, String text, String historyHref, String historyLabel) {
    }

    record Link(String href, String label) {
    }
}
