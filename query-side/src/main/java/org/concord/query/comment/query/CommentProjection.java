package org.concord.query.comment.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.conversions.Bson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.comment.FindCommentsQuery;
import org.concord.messages.consultation.CountCommentsByConsultationQuery;
import org.concord.messages.consultation.CountsByConsultation;
import org.concord.messages.participant.Actor;
import org.concord.query.access.ChathamHouse;
import org.concord.query.history.query.TextHistoryQueries;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
        StoredComment comment = new StoredComment(event.commentId(), event.consultationId(), event.provisionId(),
                event.amendmentId(), event.replyTo(), event.body(), event.attribution(), event.author(), event.round(), at,
                event.anchor());
        comments.writing(StoredComment.class).replaceOne(Filters.eq(StoredComment.ID, event.commentId()), comment,
                new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        comments.writing().drop();
    }

    /** Top-level comments matching the filters, each with its whole thread of replies, oldest first. */
    @QueryHandler
    CountsByConsultation handle(CountCommentsByConsultationQuery query) {
        return new CountsByConsultation(comments.countBy(StoredComment.CONSULTATION_ID));
    }

    @QueryHandler
    List<CommentView> handle(FindCommentsQuery query) {
        boolean filtered = query.provisionId() != null || query.amendmentId() != null;
        Map<String, StoredComment> byId = new LinkedHashMap<>();
        for (StoredComment comment : comments.reading(StoredComment.class)
                .find(wanted(query, filtered)).sort(Sorts.ascending(StoredComment.POSTED_AT))) {
            byId.put(comment.commentId(), comment);
        }
        Map<String, List<StoredComment>> repliesTo = new LinkedHashMap<>();
        List<StoredComment> roots = new ArrayList<>();
        for (StoredComment comment : byId.values()) {
            String parent = comment.replyTo();
            if (parent != null && byId.containsKey(parent)) {
                repliesTo.computeIfAbsent(parent, p -> new ArrayList<>()).add(comment);
            } else if (parent == null || !filtered) {
                // unfiltered, a reply whose comment is not (yet) in the read model starts a thread of its own; filtered,
                // the comment it answers may be on another provision, so it is left out
                roots.add(comment);
            }
        }
        List<StoredComment> found = roots.stream()
                .filter(c -> query.provisionId() == null || Objects.equals(query.provisionId(), c.provisionId()))
                .filter(c -> query.amendmentId() == null || Objects.equals(query.amendmentId(), c.amendmentId()))
                .toList();
        // replies take no anchor: only the threads' first comments may have one
        Map<String, CommentView.Anchor> anchors = anchors(query.consultationId(), found);
        return found.stream().map(c -> view(c, repliesTo, anchors, query)).toList();
    }

    /**
     * The stored comments a query needs: all of the consultation's; or, with a provision or an amendment named, the
     * first comments of its threads and every reply (what the threads are made of), so that reading one provision's
     * threads does not read every comment of the consultation.
     */
    private static Bson wanted(FindCommentsQuery query, boolean filtered) {
        Bson consultation = Filters.eq(StoredComment.CONSULTATION_ID, query.consultationId());
        if (!filtered) {
            return consultation;
        }
        List<Bson> first = new ArrayList<>(List.of(Filters.eq(StoredComment.REPLY_TO, null)));
        if (query.provisionId() != null) {
            first.add(Filters.eq(StoredComment.PROVISION_ID, query.provisionId()));
        }
        if (query.amendmentId() != null) {
            first.add(Filters.eq(StoredComment.AMENDMENT_ID, query.amendmentId()));
        }
        return Filters.and(consultation, Filters.or(Filters.and(first), Filters.ne(StoredComment.REPLY_TO, null)));
    }

    /** The anchors of those comments that have one, by comment, placed in the current text. */
    private Map<String, CommentView.Anchor> anchors(String consultationId, Collection<StoredComment> found) {
        List<StoredComment> anchored = found.stream().filter(c -> c.anchor() != null).toList();
        if (anchored.isEmpty()) {
            return Map.of();
        }
        Set<String> provisions = anchored.stream().map(StoredComment::provisionId).collect(Collectors.toSet());
        TextHistoryQueries.Trails trails = history.trails(consultationId, provisions);
        Map<String, CommentView.Anchor> anchors = new HashMap<>();
        for (StoredComment comment : anchored) {
            anchors.put(comment.commentId(), AnchorPlacement.of(comment.anchor(),
                    trails.byProvision().get(comment.provisionId()), trails.version()));
        }
        return anchors;
    }

    private static CommentView view(StoredComment comment, Map<String, List<StoredComment>> repliesTo,
                                    Map<String, CommentView.Anchor> anchors, FindCommentsQuery reader) {
        Actor author = comment.author();
        boolean masked = ChathamHouse.hidesAuthor(comment.attribution() == Attribution.CHATHAM_HOUSE, author.participantId(),
                reader.readerParticipantId(), reader.readerIsDrafter());
        List<CommentView> replies = repliesTo.getOrDefault(comment.commentId(), List.of()).stream()
                .map(reply -> view(reply, repliesTo, anchors, reader))
                .toList();
        return new CommentView(comment.commentId(), comment.provisionId(), anchors.get(comment.commentId()),
                comment.amendmentId(), comment.replyTo(), comment.body(), comment.attribution(),
                CommentView.Author.of(author, masked), comment.postedAt(), comment.round(), replies);
    }
}
