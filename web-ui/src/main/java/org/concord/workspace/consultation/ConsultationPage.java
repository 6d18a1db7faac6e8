package org.concord.workspace.consultation;

import org.concord.workspace.layout.ConsultationNav;

import java.util.List;

/**
 * A consultation's current text, with its pending amendments as tracked changes beside each provision and
 * its comments threaded under it. Every string is formatted and translated; texts from the API are as written.
 *
 * @param nav              the heading and tabs every page of the consultation shares
 * @param title            the consultation's title (the page's h1)
 * @param summary          its summary, empty when it has none
 * @param facts            status, visibility, version, proposer, round and deadline, as term and value
 * @param deadline         the current round's deadline, or null when there is no round
 * @param textHeading      "Text (version 3)"
 * @param textIntro        how many provisions, pending amendments and comments the text has
 * @param discussed        the provisions with pending amendments, for a quick jump
 * @param tracked          whether any provision has a pending amendment: the text then leaves room beside it
 * @param decided          the link to the dispositions when some amendments were decided, else null
 * @param provisions       the provisions of the current text, in order
 * @param general          comments on the consultation as a whole
 * @param orphanAmendments pending amendments whose provision is no longer in the text
 * @param orphanComments   comments on provisions (or their amendments) no longer in the text
 */
record ConsultationPage(ConsultationNav nav, String title, String summary, List<Fact> facts, Deadline deadline,
                        String textHeading, String textIntro, List<Link> discussed, boolean tracked, Link decided,
                        List<ProvisionView> provisions, List<CommentView> general,
                        List<AmendmentView> orphanAmendments, List<CommentView> orphanComments) {

    record Fact(String term, String value) {
    }

    /** The current round's deadline; {@code timeLeft} is empty unless the round is open. */
    record Deadline(String term, String text, String machine, String timeLeft) {
    }

    record Link(String href, String text) {
    }

    /**
     * One provision of the current text.
     *
     * @param anchor          the stable anchor {@code p-<provisionId>}
     * @param anchorName      the accessible name of the "§" link to it
     * @param counts          "3 comments · 1 pending amendment"
     * @param discussionHref  its own page: the provision with its pending amendments and every comment on it
     * @param discussionName  the accessible name of the link to that page
     * @param historyName     the accessible name of the link to its history
     * @param commentsSummary "3 comments", the summary of the comments' {@code <details>}
     */
    record ProvisionView(String provisionId, String anchor, String label, String anchorName, String text, String counts,
                         String discussionHref, String discussionName, String historyHref, String historyName, List<AmendmentView> amendments,
                         String amendmentsHeading, String commentsSummary, List<CommentView> comments) {
    }

    /**
     * A pending amendment, as tracked changes.
     *
     * @param heading     "Replacement proposed by France (State)"
     * @param diff        for a REPLACE, the word diff of the current text against the amendment's
     * @param insertLabel for an INSERT_AFTER, the new provision's label ("New provision 2.b"), else empty
     * @param inserted    for an INSERT_AFTER, the new provision's text
     * @param deleted     for a DELETE, the provision's current text
     * @param stale       the explanation when the amendment is stale, else empty
     * @param supports    the supports by stakeholder type: its name and the number
     */
    record AmendmentView(String amendmentId, String authorId, String anchor, String heading, boolean replace, List<DiffRun> diff, boolean insert,
                         String insertLabel, String inserted, boolean delete, String deleted, String justification, String baseVersion, String proposedAt, String proposedAtMachine,
                         String stale, String supportTotal, List<Fact> supports, String commentsSummary,
                         List<CommentView> comments) {
    }

    /** A run of a word diff: kept text, or inserted, or deleted. */
    record DiffRun(boolean inserted, boolean deleted, String text) {
    }

    /**
     * A comment and its replies.
     *
     * @param author     "France (State)", or "A participant (State)" for a masked Chatham House author
     * @param rule       "Chatham House rule" for such a comment, else empty
     * @param context    what the comment is on when it is not where it hangs (a decided amendment), else empty
     * @param posted     "4 December 2026, 10:00 UTC"
     * @param round      "Round 1"
     */
    record CommentView(String commentId, String anchor, String author, String rule, String context, OnWords words, String posted,
                       String postedMachine, String round, String body, List<CommentView> replies) {
    }

    /**
     * The words a comment is on, when it is on some words of its provision.
     *
     * @param intro   "On the words:", or that they changed or were removed since
     * @param quote   the words as they read when the comment was posted
     * @param nowIntro "They now read:" when they read otherwise today, else empty
     * @param now     how they read today when that differs, else empty
     * @param removed whether none of them is left ("on removed text")
     */
    record OnWords(String intro, String quote, String nowIntro, String now, boolean removed) {
    }
}
