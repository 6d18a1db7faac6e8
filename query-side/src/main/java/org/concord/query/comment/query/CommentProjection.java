package org.concord.query.comment.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentAnchor;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.comment.FindCommentsQuery;
import org.concord.messages.consultation.CountCommentsByConsultationQuery;
import org.concord.messages.consultation.CountsByConsultation;
import org.concord.messages.participant.Actor;
import org.concord.query.access.ChathamHouse;
import org.concord.query.history.query.TextHistoryQueries;
import org.concord.query.shared.ActorDocuments;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The comments read model: one document per comment, threads assembled when read. The stored author
 * is complete; masking for Chatham House happens for each reader, so no reader but a drafter or the
 * author ever receives the identity. An anchor is stored as posted and placed in the current text when
 * read ({@link AnchorPlacement}), so that a new version moves no stored comment.
 */
@Component
@ProcessingGroup(CommentProjection.PROCESSING_GROUP)
public class CommentProjection {

    public static final String PROCESSING_GROUP = "comments";
    private final ReadModelCollection comments;
    private final TextHistoryQueries history;

    public CommentProjection(ReadModels readModels, TextHistoryQueries history) {
        this.comments = readModels.collection("comments");
        this.history = history;
    }

    @EventHandler
    void on(CommentPostedEvent event, @Timestamp Instant at) {
        Document comment = new Document("_id", event.commentId())
                .append("consultationId", event.consultationId())
                .append("provisionId", event.provisionId())
                .append("amendmentId", event.amendmentId())
                .append("replyTo", event.replyTo())
                .append("body", event.body())
                .append("attribution", event.attribution().name())
                .append("author", ActorDocuments.actor(event.author()))
                .append("round", event.round())
                .append("postedAt", Date.from(at))
                .append("anchor", event.anchor() == null ? null : new Document("version", event.anchor().version())
                        .append("start", event.anchor().start()).append("end", event.anchor().end())
                        .append("quote", event.anchor().quote()));
        comments.writing().replaceOne(Filters.eq("_id", event.commentId()), comment, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        comments.writing().drop();
    }

    /** Top-level comments matching the filters, each with its whole thread of replies, oldest first. */
    @QueryHandler
    CountsByConsultation handle(CountCommentsByConsultationQuery query) {
        return new CountsByConsultation(comments.countBy("consultationId"));
    }

    @QueryHandler
    List<CommentView> handle(FindCommentsQuery query) {
        Map<String, Document> byId = new LinkedHashMap<>();
        for (Document comment : comments.reading().find(Filters.eq("consultationId", query.consultationId())).sort(Sorts.ascending("postedAt"))) {
            byId.put(comment.getString("_id"), comment);
        }
        Map<String, List<Document>> repliesTo = new LinkedHashMap<>();
        List<Document> roots = new ArrayList<>();
        for (Document comment : byId.values()) {
            String parent = comment.getString("replyTo");
            if (parent != null && byId.containsKey(parent)) {
                repliesTo.computeIfAbsent(parent, p -> new ArrayList<>()).add(comment);
            } else {
                roots.add(comment);
            }
        }
        List<Document> found = roots.stream()
                .filter(c -> query.provisionId() == null || Objects.equals(query.provisionId(), c.getString("provisionId")))
                .filter(c -> query.amendmentId() == null || Objects.equals(query.amendmentId(), c.getString("amendmentId")))
                .toList();
        // replies take no anchor: only the threads' first comments may have one
        Map<String, CommentView.Anchor> anchors = anchors(query.consultationId(), found);
        return found.stream().map(c -> view(c, repliesTo, anchors, query)).toList();
    }

    /** The anchors of those comments that have one, by comment, placed in the current text. */
    private Map<String, CommentView.Anchor> anchors(String consultationId, Collection<Document> found) {
        List<Document> anchored = found.stream().filter(c -> c.get("anchor") != null).toList();
        if (anchored.isEmpty()) {
            return Map.of();
        }
        Set<String> provisions = anchored.stream().map(c -> c.getString("provisionId")).collect(Collectors.toSet());
        TextHistoryQueries.Trails trails = history.trails(consultationId, provisions);
        Map<String, CommentView.Anchor> anchors = new HashMap<>();
        for (Document comment : anchored) {
            Document stored = comment.get("anchor", Document.class);
            CommentAnchor anchor = new CommentAnchor(stored.getInteger("version"), stored.getInteger("start"),
                    stored.getInteger("end"), stored.getString("quote"));
            anchors.put(comment.getString("_id"), AnchorPlacement.of(anchor,
                    trails.byProvision().get(comment.getString("provisionId")), trails.version()));
        }
        return anchors;
    }

    private static CommentView view(Document comment, Map<String, List<Document>> repliesTo, Map<String, CommentView.Anchor> anchors,
                                    FindCommentsQuery reader) {
        Actor author = ActorDocuments.actor(comment.get("author", Document.class));
        Attribution attribution = Attribution.valueOf(comment.getString("attribution"));
        boolean masked = ChathamHouse.hidesAuthor(attribution == Attribution.CHATHAM_HOUSE, author.participantId(),
                reader.readerParticipantId(), reader.readerIsDrafter());
        List<CommentView> replies = repliesTo.getOrDefault(comment.getString("_id"), List.of()).stream()
                .map(reply -> view(reply, repliesTo, anchors, reader))
                .toList();
        return new CommentView(comment.getString("_id"), comment.getString("provisionId"), anchors.get(comment.getString("_id")),
                comment.getString("amendmentId"),
                comment.getString("replyTo"), comment.getString("body"), attribution, CommentView.Author.of(author, masked),
                comment.getDate("postedAt").toInstant(), comment.getInteger("round"), replies);
    }
}
