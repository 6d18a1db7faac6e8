package org.concord.query.history.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.history.FindTimelineQuery;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.event.TimelineEntries;
import org.concord.query.readmodel.ReadModels;
import org.concord.query.readmodel.TrackedEvents;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A consultation's timeline, read through FindTimelineQuery: order, pages, and Chatham House authors masked per reader. */
class TimelineProjectionTest {

    private static final Actor SECRETARIAT = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor GERMANY = new Actor("p-de", "Germany", StakeholderType.STATE);

    private MongoClient client;
    private TimelineProjection timelines;
    private TrackedEvents events;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        timelines = new TimelineProjection(new ReadModels(client.getDatabase(test.name())));
        events = new TrackedEvents(Instant.parse("2026-03-02T09:00:00Z"), timelines);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static ConsultationCreatedEvent created(String consultationId) {
        return new ConsultationCreatedEvent(consultationId, "Ocean plastics", "A framework", Visibility.PUBLIC,
                List.of(new Provision("p-1", "1", "States shall reduce plastic waste.")), ConsultationStatus.DRAFT, SECRETARIAT, 1);
    }

    private static CommentPostedEvent comment(Attribution attribution) {
        return new CommentPostedEvent("k-1", "c-1", "p-1", null, null, "Which waste?", attribution, 1, GERMANY, null);
    }

    private List<TimelineEntries.Entry> timeline(String consultationId, String reader, boolean drafter) {
        return timelines.handle(new FindTimelineQuery(consultationId, reader, drafter, 0, 0));
    }

    @Test
    void a_consultation_s_events_are_its_timeline_in_order_with_who_acted_and_when() throws Exception {
        events.deliver("c-1", created("c-1"));
        events.deliver("c-1", new RoundOpenedEvent("c-1", 1, Instant.parse("2026-04-01T00:00:00Z"), SECRETARIAT));
        events.deliver("a-1", new AmendmentProposedEvent("c-1", "a-1", ChangeKind.REPLACE, "p-1", 1, "States shall halve it.",
                null, "Stronger", 1, GERMANY));

        List<TimelineEntries.Entry> timeline = timeline("c-1", null, false);

        assertThat(timeline).extracting(TimelineEntries.Entry::position).containsExactly(1L, 2L, 3L);
        assertThat(timeline).extracting(TimelineEntries.Entry::type)
                .containsExactly("ConsultationCreated", "RoundOpened", "AmendmentProposed");
        assertThat(timeline.get(0).summary()).isEqualTo("Secretariat created \"Ocean plastics\" (version 1)");
        assertThat(timeline.get(2).at()).isEqualTo(events.at(3));
        assertThat(timeline.get(2).actor()).isEqualTo(new TimelineEntries.Actor("p-de", "Germany", StakeholderType.STATE));
        assertThat(timeline.get(2).summary()).isEqualTo("Germany proposed amendment a-1: REPLACE provision p-1");
    }

    @Test
    void a_consultation_s_timeline_holds_nothing_of_another_consultation() throws Exception {
        events.deliver("c-1", created("c-1"));
        events.deliver("c-2", created("c-2"));

        assertThat(timeline("c-2", null, false)).extracting(TimelineEntries.Entry::position).containsExactly(2L);
    }

    @Test
    void a_consultation_without_events_has_an_empty_timeline() {
        assertThat(timeline("c-9", null, false)).isEmpty();
    }

    @Test
    void a_page_holds_the_entries_after_a_position_up_to_its_limit() throws Exception {
        events.deliver("c-1", created("c-1"));
        for (int round = 1; round <= 4; round++) {
            events.deliver("c-1", new RoundOpenedEvent("c-1", round, Instant.parse("2026-04-01T00:00:00Z"), SECRETARIAT));
        }

        assertThat(timelines.handle(new FindTimelineQuery("c-1", null, false, 2, 2)))
                .extracting(TimelineEntries.Entry::position).containsExactly(3L, 4L);
    }

    @Test
    void the_author_of_a_chatham_house_comment_is_masked_for_another_participant() throws Exception {
        events.deliver("c-1", created("c-1"));
        events.deliver("k-1", comment(Attribution.CHATHAM_HOUSE));

        TimelineEntries.Entry comment = timeline("c-1", "p-fr", false).get(1);

        assertThat(comment.actor()).isEqualTo(new TimelineEntries.Actor(null, null, StakeholderType.STATE));
        assertThat(comment.summary()).isEqualTo("A participant (STATE, Chatham House) commented on provision p-1");
    }

    @Test
    void the_author_of_a_chatham_house_comment_is_shown_to_drafters() throws Exception {
        events.deliver("c-1", created("c-1"));
        events.deliver("k-1", comment(Attribution.CHATHAM_HOUSE));

        assertThat(timeline("c-1", "d-1", true).get(1).actor())
                .isEqualTo(new TimelineEntries.Actor("p-de", "Germany", StakeholderType.STATE));
    }

    @Test
    void the_author_of_a_chatham_house_comment_sees_it_as_their_own() throws Exception {
        events.deliver("c-1", created("c-1"));
        events.deliver("k-1", comment(Attribution.CHATHAM_HOUSE));

        assertThat(timeline("c-1", "p-de", false).get(1).summary()).isEqualTo("Germany commented on provision p-1");
    }

    @Test
    void the_author_of_an_attributed_comment_is_shown_to_anybody() throws Exception {
        events.deliver("c-1", created("c-1"));
        events.deliver("k-1", comment(Attribution.ATTRIBUTED));

        assertThat(timeline("c-1", null, false).get(1).actor().organisation()).isEqualTo("Germany");
    }

    @Test
    void a_reset_empties_every_timeline_for_a_rebuild() throws Exception {
        events.deliver("c-1", created("c-1"));

        timelines.reset();

        assertThat(timeline("c-1", null, false)).isEmpty();
    }
}
