package org.concord.workspace.consultation;

import org.concord.workspace.consultation.ApiConsultation.Amendment;
import org.concord.workspace.consultation.ApiConsultation.Comment;
import org.concord.workspace.consultation.ApiConsultation.Detail;
import org.concord.workspace.consultation.ApiConsultation.Participant;
import org.concord.workspace.consultation.ApiConsultation.Provision;
import org.concord.workspace.consultation.ConsultationPage.AmendmentView;
import org.concord.workspace.consultation.ConsultationPage.CommentView;
import org.concord.workspace.consultation.ConsultationPage.DiffRun;
import org.concord.workspace.consultation.ConsultationPage.Fact;
import org.concord.workspace.consultation.ConsultationPage.Link;
import org.concord.workspace.consultation.ConsultationPage.OnWords;
import org.concord.workspace.consultation.ConsultationPage.ProvisionView;
import org.concord.workspace.layout.ConsultationNav;
import org.concord.workspace.layout.Formats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a consultation's text page from three answers of the API (the consultation, all its amendments,
 * all its comments), grouped in memory by provision: no call per provision, so a text of 1,000 provisions
 * costs three calls. Authors are shown exactly as the API gives them to this reader: a Chatham House author
 * the API masks stays masked, and nothing here unmasks or guesses.
 */
final class ConsultationPages {

    static final String PENDING = "PROPOSED";
    private static final List<String> STAKEHOLDERS = List.of("STATE", "INTERNATIONAL_ORGANISATION", "COMPANY", "NGO", "ACADEMIA");

    private ConsultationPages() {
    }

    static ConsultationPage build(Detail detail, List<Amendment> amendments, List<Comment> comments, Formats formats, Instant now) {
        String id = detail.consultationId();
        Map<String, Provision> provisions = new LinkedHashMap<>();
        for (Provision provision : detail.provisions()) {
            provisions.put(provision.provisionId(), provision);
        }

        Map<String, Amendment> amendmentsById = new HashMap<>();
        Map<String, List<Amendment>> pendingByProvision = new HashMap<>();
        List<Amendment> orphanAmendments = new ArrayList<>();
        int decided = 0;
        for (Amendment amendment : amendments) {
            amendmentsById.put(amendment.amendmentId(), amendment);
            if (!PENDING.equals(amendment.status())) {
                decided++;
            } else if (provisions.containsKey(amendment.provisionId())) {
                pendingByProvision.computeIfAbsent(amendment.provisionId(), key -> new ArrayList<>()).add(amendment);
            } else {
                orphanAmendments.add(amendment);
            }
        }

        // Each thread hangs where its first comment was posted: on a pending amendment, on a provision (a
        // decided amendment's thread hangs on its provision, saying so), or on the consultation.
        Map<String, List<CommentView>> onProvision = new HashMap<>();
        Map<String, Integer> onProvisionCount = new HashMap<>();
        Map<String, List<CommentView>> onAmendment = new HashMap<>();
        Map<String, Integer> onAmendmentCount = new HashMap<>();
        List<CommentView> general = new ArrayList<>();
        List<CommentView> orphanComments = new ArrayList<>();
        int totalComments = 0;
        for (Comment comment : comments) {
            int count = count(comment);
            totalComments += count;
            Amendment amendment = comment.amendmentId() == null ? null : amendmentsById.get(comment.amendmentId());
            if (amendment != null && PENDING.equals(amendment.status())) {
                onAmendment.computeIfAbsent(amendment.amendmentId(), key -> new ArrayList<>()).add(comment(comment, "", formats));
                onAmendmentCount.merge(amendment.amendmentId(), count, Integer::sum);
            } else if (amendment != null) {
                String context = formats.message("consultation.comment.onDecided", author(amendment.author(), formats),
                        formats.message("consultation.decided." + amendment.status()));
                place(amendment.provisionId(), comment(comment, context, formats), count, provisions, onProvision,
                        onProvisionCount, orphanComments);
            } else if (comment.provisionId() != null) {
                place(comment.provisionId(), comment(comment, "", formats), count, provisions, onProvision,
                        onProvisionCount, orphanComments);
            } else if (comment.amendmentId() != null) {
                orphanComments.add(comment(comment, "", formats));
            } else {
                general.add(comment(comment, "", formats));
            }
        }

        List<ProvisionView> views = new ArrayList<>(provisions.size());
        List<Link> discussed = new ArrayList<>();
        int pendingTotal = 0;
        for (Provision provision : provisions.values()) {
            List<Amendment> pending = pendingByProvision.getOrDefault(provision.provisionId(), List.of());
            pendingTotal += pending.size();
            int commentCount = onProvisionCount.getOrDefault(provision.provisionId(), 0);
            String anchor = "p-" + provision.provisionId();
            List<AmendmentView> amendmentViews = pending.stream()
                    .map(amendment -> amendment(amendment, provision, onAmendment, onAmendmentCount, formats))
                    .toList();
            views.add(new ProvisionView(provision.provisionId(), anchor, provision.label(),
                    formats.message("consultation.provision.anchor", provision.label()), provision.text(),
                    formats.message("consultation.provision.counts", commentCount, pending.size()),
                    ConsultationNav.provisionHref(id, provision.provisionId()),
                    formats.message("consultation.provision.discussion", provision.label()),
                    "/consultations/" + id + "/history/provisions/" + provision.provisionId(),
                    formats.message("consultation.provision.history", provision.label()),
                    amendmentViews, formats.message("consultation.provision.amendments", provision.label(), pending.size()),
                    formats.message("consultation.comments.summary", commentCount),
                    onProvision.getOrDefault(provision.provisionId(), List.of())));
            if (!pending.isEmpty()) {
                discussed.add(new Link("#" + anchor, provision.label()));
            }
        }

        List<AmendmentView> orphans = orphanAmendments.stream()
                .map(amendment -> amendment(amendment, null, onAmendment, onAmendmentCount, formats))
                .toList();
        ApiConsultation.Round round = detail.round();
        ConsultationPage.Deadline deadline = round == null ? null : new ConsultationPage.Deadline(
                formats.message("consultation.fact.deadline"), formats.dateTime(round.deadline()),
                formats.machine(round.deadline()),
                "OPEN".equals(round.status()) ? formats.timeLeft(round.deadline(), now) : "");
        return new ConsultationPage(
                ConsultationNav.of(id, detail.title(), detail.status(), "text", formats).withLivePosition(detail.position()),
                detail.title(),
                detail.summary() == null ? "" : detail.summary(),
                facts(detail, formats),
                deadline,
                formats.message("consultation.text.heading", detail.version()),
                formats.message("consultation.text.intro", provisions.size(), pendingTotal, totalComments),
                discussed,
                pendingTotal > 0,
                decided == 0 ? null : new Link("/consultations/" + id + "/dispositions",
                        formats.message("consultation.decided.link", decided)),
                views, general, orphans, orphanComments);
    }

    /**
     * The page of one provision's discussion, from the comments on that provision and those on each of its
     * amendments ({@code amendments}, whatever their status): a comment on an amendment that names the provision
     * too is in both answers, and counted once.
     */
    static ConsultationPage discussion(Detail detail, List<Amendment> amendments, List<Comment> onProvision,
                                       List<List<Comment>> onAmendments, Formats formats, Instant now) {
        Map<String, Comment> comments = new LinkedHashMap<>();
        onProvision.forEach(comment -> comments.put(comment.commentId(), comment));
        onAmendments.forEach(list -> list.forEach(comment -> comments.putIfAbsent(comment.commentId(), comment)));
        return build(detail, amendments, List.copyOf(comments.values()), formats, now);
    }

    private static void place(String provisionId, CommentView view, int count, Map<String, Provision> provisions,
                              Map<String, List<CommentView>> onProvision, Map<String, Integer> onProvisionCount,
                              List<CommentView> orphans) {
        if (provisions.containsKey(provisionId)) {
            onProvision.computeIfAbsent(provisionId, key -> new ArrayList<>()).add(view);
            onProvisionCount.merge(provisionId, count, Integer::sum);
        } else {
            orphans.add(view);
        }
    }

    private static List<Fact> facts(Detail detail, Formats formats) {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact(formats.message("consultation.fact.status"), formats.message("status." + detail.status())));
        facts.add(new Fact(formats.message("consultation.fact.visibility"), formats.message("visibility." + detail.visibility())));
        facts.add(new Fact(formats.message("consultation.fact.version"), formats.number(detail.version())));
        facts.add(new Fact(formats.message("consultation.fact.proposer"), author(detail.proposer(), formats)));
        ApiConsultation.Round round = detail.round();
        facts.add(new Fact(formats.message("consultation.fact.round"), round == null
                ? formats.message("consultation.round.none")
                : formats.message("consultation.round." + ("OPEN".equals(round.status()) ? "open" : "closed"), round.number())));
        return facts;
    }

    /** A pending amendment; {@code provision} is null when its provision is no longer in the text. */
    private static AmendmentView amendment(Amendment amendment, Provision provision, Map<String, List<CommentView>> onAmendment,
                                           Map<String, Integer> onAmendmentCount, Formats formats) {
        String kind = amendment.kind();
        boolean replace = "REPLACE".equals(kind);
        boolean insert = "INSERT_AFTER".equals(kind);
        boolean delete = "DELETE".equals(kind);
        String current = provision == null ? "" : provision.text();
        List<DiffRun> diff = replace ? runs(current, amendment.text() == null ? "" : amendment.text()) : List.of();
        String stale = "";
        if (amendment.stale()) {
            stale = formats.message(provision == null ? "consultation.amendment.staleGone" : "consultation.amendment.stale",
                    amendment.baseVersion());
        }
        int supportTotal = amendment.supporters() == null ? 0 : amendment.supporters().total();
        int commentCount = onAmendmentCount.getOrDefault(amendment.amendmentId(), 0);
        return new AmendmentView(amendment.amendmentId(), amendment.author() == null ? null : amendment.author().participantId(),
                "a-" + amendment.amendmentId(),
                formats.message("consultation.amendment." + (insert ? "INSERT_AFTER" : delete ? "DELETE" : "REPLACE"),
                        author(amendment.author(), formats)),
                replace, diff,
                insert, insert ? formats.message("consultation.amendment.newProvision", amendment.label()) : "",
                insert && amendment.text() != null ? amendment.text() : "",
                delete, delete ? current : "",
                amendment.justification() == null ? "" : amendment.justification(),
                formats.message("consultation.amendment.baseVersion", amendment.baseVersion()),
                formats.dateTime(amendment.proposedAt()), formats.machine(amendment.proposedAt()),
                stale,
                formats.message("consultation.amendment.supportTotal", supportTotal),
                supports(amendment, formats),
                formats.message("consultation.comments.summary", commentCount),
                onAmendment.getOrDefault(amendment.amendmentId(), List.of()));
    }

    private static List<DiffRun> runs(String before, String after) {
        return WordDiff.diff(before, after).stream()
                .map(run -> new DiffRun(run.op() == WordDiff.Op.INSERT, run.op() == WordDiff.Op.DELETE, run.text()))
                .toList();
    }

    /** The supports by stakeholder type, in the usual order of the types, then any type the page does not know. */
    private static List<Fact> supports(Amendment amendment, Formats formats) {
        if (amendment.supporters() == null || amendment.supporters().byStakeholderType() == null) {
            return List.of();
        }
        return amendment.supporters().byStakeholderType().entrySet().stream()
                .filter(entry -> entry.getValue() != null && entry.getValue() > 0)
                .sorted(Comparator.comparingInt((Map.Entry<String, Integer> entry) -> rank(entry.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .map(entry -> new Fact(stakeholder(entry.getKey(), formats), formats.number(entry.getValue())))
                .toList();
    }

    private static int rank(String stakeholderType) {
        int rank = STAKEHOLDERS.indexOf(stakeholderType);
        return rank < 0 ? STAKEHOLDERS.size() : rank;
    }

    private static String stakeholder(String type, Formats formats) {
        return STAKEHOLDERS.contains(type) ? formats.message("stakeholder." + type) : type;
    }

    private static CommentView comment(Comment comment, String context, Formats formats) {
        List<CommentView> replies = comment.replies() == null ? List.of()
                : comment.replies().stream().map(reply -> comment(reply, "", formats)).toList();
        return new CommentView(comment.commentId(), "c-" + comment.commentId(),
                author(comment.author(), formats),
                "CHATHAM_HOUSE".equals(comment.attribution()) ? formats.message("consultation.comment.chathamHouse") : "",
                context, onWords(comment.anchor(), formats),
                formats.dateTime(comment.postedAt()), formats.machine(comment.postedAt()),
                formats.message("consultation.comment.round", comment.round()),
                comment.body() == null ? "" : comment.body(),
                replies);
    }

    /**
     * What words a comment is on, as the API placed them in the current text: quoted as posted, and, when they
     * changed since, how they read now, or that they were removed ("on removed text", with the old wording).
     */
    static OnWords onWords(ApiConsultation.Anchor anchor, Formats formats) {
        if (anchor == null) {
            return null;
        }
        String status = anchor.status() == null ? "CURRENT" : anchor.status();
        return switch (status) {
            case "REMOVED" -> new OnWords(formats.message("consultation.comment.words.removed", anchor.version()), anchor.quote(), "", "", true);
            case "CHANGED" -> new OnWords(formats.message("consultation.comment.words.changed", anchor.version()), anchor.quote(),
                    formats.message("consultation.comment.words.now"), anchor.current() == null ? "" : anchor.current().text(), false);
            default -> new OnWords(formats.message("consultation.comment.words"), anchor.quote(), "", "", false);
        };
    }

    /** A comment and every reply under it. */
    static int count(Comment comment) {
        int count = 1;
        if (comment.replies() != null) {
            for (Comment reply : comment.replies()) {
                count += count(reply);
            }
        }
        return count;
    }

    /**
     * An author exactly as the API gave it: "France (State)"; "A participant (State)" when the API gave only
     * the stakeholder type (a Chatham House author masked for this reader).
     */
    static String author(Participant author, Formats formats) {
        if (author == null) {
            return formats.message("consultation.author.unknown");
        }
        String type = author.stakeholderType() == null ? null : stakeholder(author.stakeholderType(), formats);
        if (author.organisation() != null) {
            return type == null ? author.organisation() : formats.message("consultation.author.named", author.organisation(), type);
        }
        return type == null ? formats.message("consultation.author.unknown") : formats.message("consultation.author.masked", type);
    }
}
