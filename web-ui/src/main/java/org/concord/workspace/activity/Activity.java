package org.concord.workspace.activity;

import org.concord.workspace.layout.Formats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One consultation's part of "my activity": the person's amendments, each with what became of it, and their
 * comments (replies included), each with how many answers it has, newest first, each linked to its place.
 */
record Activity(String title, String href, List<Item> amendments, List<Item> comments) {

    /** An amendment or a comment: what it is, its state in words, when, and where it is. */
    record Item(String what, String state, String when, String whenMachine, String href, Instant at) {
    }

    record Participant(String participantId, String organisation, String stakeholderType) {
    }

    record Decision(String reason, Integer version) {
    }

    record Amendment(String amendmentId, String kind, String provisionId, String label, String text, String status, boolean stale,
                     Participant author, Decision decision, Instant proposedAt) {
    }

    record Comment(String commentId, String provisionId, String amendmentId, String body, Participant author, Instant postedAt,
                   List<Comment> replies) {
    }

    boolean isEmpty() {
        return amendments.isEmpty() && comments.isEmpty();
    }

    static Activity of(String consultationId, String title, String me, List<Amendment> amendments, List<Comment> comments, Formats formats) {
        String base = "/consultations/" + consultationId;
        List<Item> mine = new ArrayList<>();
        for (Amendment amendment : amendments) {
            if (amendment.author() != null && me.equals(amendment.author().participantId())) {
                String state = switch (amendment.status()) {
                    case "PROPOSED" -> formats.message(amendment.stale() ? "activity.amendment.stale" : "activity.amendment.PROPOSED");
                    case "ACCEPTED", "ACCEPTED_WITH_MODIFICATIONS", "REJECTED", "MERGED" -> formats.message("activity.amendment." + amendment.status(),
                            amendment.decision() == null || amendment.decision().reason() == null ? "" : amendment.decision().reason(),
                            amendment.decision() == null || amendment.decision().version() == null ? 0 : amendment.decision().version());
                    default -> formats.message("activity.amendment.WITHDRAWN");
                };
                String href = "PROPOSED".equals(amendment.status()) ? base + "#a-" + amendment.amendmentId() : base + "/dispositions";
                mine.add(new Item(formats.message("activity.amendment.what." + amendment.kind(), excerpt(amendment.text())), state,
                        formats.dateTime(amendment.proposedAt()), formats.machine(amendment.proposedAt()), href, amendment.proposedAt()));
            }
        }
        List<Item> said = new ArrayList<>();
        collect(comments, me, base, said, formats);
        Comparator<Item> newest = Comparator.comparing(Item::at, Comparator.nullsLast(Comparator.reverseOrder()));
        mine.sort(newest);
        said.sort(newest);
        return new Activity(title, base, mine, said);
    }

    private static void collect(List<Comment> comments, String me, String base, List<Item> said, Formats formats) {
        for (Comment comment : comments) {
            List<Comment> replies = comment.replies() == null ? List.of() : comment.replies();
            if (comment.author() != null && me.equals(comment.author().participantId())) {
                said.add(new Item(excerpt(comment.body()), formats.message("activity.comment.replies", replies.size()),
                        formats.dateTime(comment.postedAt()), formats.machine(comment.postedAt()), base + "#c-" + comment.commentId(),
                        comment.postedAt()));
            }
            collect(replies, me, base, said, formats);
        }
    }

    /** The first 140 characters, cut at a word when there is one near. */
    static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= 140) {
            return text;
        }
        int cut = text.lastIndexOf(' ', 140);
        return text.substring(0, cut > 100 ? cut : 140) + "…";
    }
}
