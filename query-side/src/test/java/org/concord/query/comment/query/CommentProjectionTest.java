package org.concord.query.comment.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentAnchor;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.comment.FindCommentsQuery;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.comment.query.CommentView.AnchorStatus;
import org.concord.query.comment.query.CommentView.Current;
import org.concord.query.history.query.TextHistoryProjection;
import org.concord.query.history.query.TextHistoryQueries;
import org.concord.query.readmodel.ReadModels;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Comments on words, read after later versions, from the comments and history read models, before and after a rebuild. */
class CommentProjectionTest {

    private static final Actor DRAFTER = new Actor("d", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor FRANCE = new Actor("p-fr", "France", StakeholderType.STATE);
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private MongoClient client;
    private CommentProjection comments;
    private AnnotationEventHandlerAdapter commentHandlers;
    private AnnotationEventHandlerAdapter historyHandlers;
    private final List<EventMessage<?>> events = new ArrayList<>();

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        ReadModels readModels = new ReadModels(client.getDatabase(test.name()));
        comments = new CommentProjection(readModels, new TextHistoryQueries(readModels));
        commentHandlers = new AnnotationEventHandlerAdapter(comments);
        historyHandlers = new AnnotationEventHandlerAdapter(new TextHistoryProjection(readModels));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private void deliver(String aggregateId, Object payload) throws Exception {
        EventMessage<?> event = new GenericDomainEventMessage<>("Consultation", aggregateId, 0, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), START.plusSeconds(events.size()));
        events.add(event);
        historyHandlers.handle(event);
        commentHandlers.handle(event);
    }

    private CommentView.Anchor anchorOf(String commentId) {
        return comments.handle(new FindCommentsQuery("c-1", null, null, null, false)).stream()
                .filter(comment -> comment.commentId().equals(commentId)).findFirst().orElseThrow().anchor();
    }

    @Test
    void a_provisions_threads_are_its_first_comments_with_every_reply_under_them_and_nothing_else() throws Exception {
        deliver("c-1", new ConsultationCreatedEvent("c-1", "Code", "For states", Visibility.PUBLIC,
                List.of(new Provision("p1", "1", "States should regulate the sale of intrusion tools."),
                        new Provision("p2", "2", "Vendors should assess the impact.")), ConsultationStatus.DRAFT, DRAFTER, 1));
        deliver("c-2", new ConsultationCreatedEvent("c-2", "Other", "For states", Visibility.PUBLIC,
                List.of(new Provision("p1", "1", "The same provision id in another consultation.")), ConsultationStatus.DRAFT, DRAFTER, 1));
        deliver("k-1", new CommentPostedEvent("k-1", "c-1", "p1", null, null, "Which sale?", Attribution.ATTRIBUTED, 1, FRANCE, null));
        deliver("k-2", new CommentPostedEvent("k-2", "c-1", "p2", null, null, "Which impact?", Attribution.ATTRIBUTED, 1, FRANCE, null));
        deliver("k-3", new CommentPostedEvent("k-3", "c-1", null, null, "k-1", "Every sale.", Attribution.ATTRIBUTED, 1, FRANCE, null));
        deliver("k-4", new CommentPostedEvent("k-4", "c-1", null, null, "k-3", "Even a gift?", Attribution.ATTRIBUTED, 1, FRANCE, null));
        // a reply naming p1 in a thread on p2 belongs to p2's thread
        deliver("k-5", new CommentPostedEvent("k-5", "c-1", "p1", null, "k-2", "On rights.", Attribution.ATTRIBUTED, 1, FRANCE, null));
        deliver("k-6", new CommentPostedEvent("k-6", "c-1", null, "a-1", null, "On the amendment.", Attribution.ATTRIBUTED, 1, FRANCE, null));
        deliver("k-7", new CommentPostedEvent("k-7", "c-2", "p1", null, null, "Elsewhere.", Attribution.ATTRIBUTED, 1, FRANCE, null));

        List<CommentView> onP1 = comments.handle(new FindCommentsQuery("c-1", "p1", null, null, false));
        assertThat(onP1).extracting(CommentView::commentId).containsExactly("k-1");
        assertThat(onP1.get(0).replies()).extracting(CommentView::commentId).containsExactly("k-3");
        assertThat(onP1.get(0).replies().get(0).replies()).extracting(CommentView::commentId).containsExactly("k-4");
        assertThat(comments.handle(new FindCommentsQuery("c-1", "p2", null, null, false)).get(0).replies())
                .extracting(CommentView::commentId).containsExactly("k-5");
        assertThat(comments.handle(new FindCommentsQuery("c-1", null, "a-1", null, false))).extracting(CommentView::commentId)
                .containsExactly("k-6");
        assertThat(comments.handle(new FindCommentsQuery("c-1", null, null, null, false))).extracting(CommentView::commentId)
                .containsExactly("k-1", "k-2", "k-6");
    }

    @Test
    void anchors_are_placed_in_the_current_text_and_a_rebuild_places_them_alike() throws Exception {
        deliver("c-1", new ConsultationCreatedEvent("c-1", "Code", "For states", Visibility.PUBLIC,
                List.of(new Provision("p1", "1", "States should regulate the sale of intrusion tools."),
                        new Provision("p2", "2", "Vendors should assess the impact.")), ConsultationStatus.DRAFT, DRAFTER, 1));
        deliver("k-1", new CommentPostedEvent("k-1", "c-1", "p1", null, null, "Which sale?", Attribution.ATTRIBUTED, 1, FRANCE,
                new CommentAnchor(1, 2, 5, "regulate the sale")));
        deliver("k-2", new CommentPostedEvent("k-2", "c-1", "p2", null, null, "Which impact?", Attribution.ATTRIBUTED, 1, FRANCE,
                new CommentAnchor(1, 3, 5, "the impact")));
        deliver("k-3", new CommentPostedEvent("k-3", "c-1", "p2", null, "k-2", "Human rights.", Attribution.ATTRIBUTED, 1, FRANCE, null));
        deliver("c-1", new TextRevisedEvent("c-1", 2, 1, "drafting", List.of(
                new TextChange(ChangeKind.REPLACE, "p1", null, null, "All States should strictly regulate the sale of intrusion tools."),
                new TextChange(ChangeKind.DELETE, "p2", null, null, null)), DRAFTER));

        CommentView.Anchor moved = anchorOf("k-1");
        CommentView.Anchor removed = anchorOf("k-2");
        assertThat(moved.status()).isEqualTo(AnchorStatus.MOVED);
        assertThat(moved.current()).isEqualTo(new Current(2, 4, 7, "regulate the sale"));
        assertThat(removed.status()).isEqualTo(AnchorStatus.REMOVED);
        assertThat(removed.quote()).isEqualTo("the impact");
        assertThat(removed.current()).isNull();
        assertThat(comments.handle(new FindCommentsQuery("c-1", "p2", null, null, false)).get(0).replies().get(0).anchor()).isNull();

        comments.reset();
        for (EventMessage<?> event : events) {
            commentHandlers.handle(event);
        }
        assertThat(anchorOf("k-1")).isEqualTo(moved);
        assertThat(anchorOf("k-2")).isEqualTo(removed);
    }
}
