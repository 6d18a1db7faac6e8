package org.concord.workspace.layout;

/**
 * A page saying why the page asked for cannot be shown.
 *
 * @param status            the HTTP status of the answer
 * @param title             the page's heading, in the page's language
 * @param explanation       what happened and what the reader can do, in the page's language
 * @param retryAfterSeconds when to try again, for a 429; else null
 */
public record ErrorPage(int status, String title, String explanation, Integer retryAfterSeconds) {
}
