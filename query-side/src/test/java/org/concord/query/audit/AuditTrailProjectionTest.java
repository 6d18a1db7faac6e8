package org.concord.query.audit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.ParticipantRevokedEvent;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.event.TimelineEntries;
import org.concord.query.readmodel.EntryPage;
import org.concord.query.readmodel.ReadModels;
import org.concord.query.readmodel.TrackedEvents;
import org.concord.testing.MongoDbExtension;
import org.concord.testing.TestMongoDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Each participant's audit trail, read through {@link AuditTrailProjection#trail} as an administrator reads it. */
class AuditTrailProjectionTest {

    private static final Actor ADMIN = new Actor("admin", "Concord administration", null);
    private static final Actor GERMANY = new Actor("p-de", "Germany", StakeholderType.STATE);
    private static final ParticipantRegisteredEvent GERMANY_REGISTERED = new ParticipantRegisteredEvent("p-de", "Germany",
            StakeholderType.STATE, "DE", "Delegation of Germany", Set.of(Role.PARTICIPANT), "hash-of-germany-s-token", ADMIN);
    private static final EntryPage ALL = new EntryPage(0, 0);
    private static final Predicate<String> READS_EVERY_CONSULTATION = consultationId -> true;

    private MongoClient client;
    private AuditTrailProjection trails;
    private TrackedEvents events;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        trails = new AuditTrailProjection(new ReadModels(client.getDatabase(test.name())));
        events = new TrackedEvents(Instant.parse("2026-03-01T09:00:00Z"), trails);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static CommentPostedEvent comment(String commentId, Attribution attribution) {
        return new CommentPostedEvent(commentId, "c-1", "p-1", null, null, "Which waste?", attribution, 1, GERMANY, null);
    }

    private List<String> types(String participantId) {
        return trails.trail(participantId, ALL, READS_EVERY_CONSULTATION).stream().map(TimelineEntries.Entry::type).toList();
    }

    @Test
    void a_registration_opens_the_trail_of_the_participant_registered() throws Exception {
        events.deliver("p-de", GERMANY_REGISTERED);

        List<TimelineEntries.Entry> trail = trails.trail("p-de", ALL, READS_EVERY_CONSULTATION);

        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).position()).isEqualTo(1);
        assertThat(trail.get(0).at()).isEqualTo(events.at(1));
        assertThat(trail.get(0).summary())
                .isEqualTo("Concord administration registered Delegation of Germany for Germany with the roles [PARTICIPANT]");
    }

    @Test
    void a_registration_is_in_the_trail_of_the_administrator_who_registered() throws Exception {
        events.deliver("p-de", GERMANY_REGISTERED);

        assertThat(types("admin")).containsExactly("ParticipantRegistered");
    }

    @Test
    void a_trail_never_shows_the_hash_of_a_credential() throws Exception {
        events.deliver("p-de", GERMANY_REGISTERED);
        events.deliver("p-de", new ParticipantRevokedEvent("p-de", "hash-of-germany-s-token", ADMIN));

        assertThat(trails.trail("p-de", ALL, READS_EVERY_CONSULTATION)).allSatisfy(entry -> assertThat(entry.data()).doesNotContainKey("tokenHash")
                .doesNotContainValue("hash-of-germany-s-token"));
    }

    @Test
    void a_revocation_is_in_the_trail_of_the_participant_revoked() throws Exception {
        events.deliver("p-de", GERMANY_REGISTERED);
        events.deliver("p-de", new ParticipantRevokedEvent("p-de", "hash-of-germany-s-token", ADMIN));

        assertThat(types("p-de")).containsExactly("ParticipantRegistered", "ParticipantRevoked");
    }

    @Test
    void what_a_participant_did_in_a_consultation_is_in_their_trail_only() throws Exception {
        events.deliver("a-1", new AmendmentProposedEvent("c-1", "a-1", ChangeKind.REPLACE, "p-1", 1, "States shall halve it.",
                null, "Stronger", 1, GERMANY));

        assertThat(types("p-de")).containsExactly("AmendmentProposed");
        assertThat(types("p-fr")).isEmpty();
    }

    @Test
    void an_attributed_comment_is_in_its_author_s_trail() throws Exception {
        events.deliver("k-1", comment("k-1", Attribution.ATTRIBUTED));

        assertThat(types("p-de")).containsExactly("CommentPosted");
    }

    @Test
    void a_chatham_house_comment_is_left_out_of_its_author_s_trail() throws Exception {
        events.deliver("k-1", comment("k-1", Attribution.CHATHAM_HOUSE));

        assertThat(types("p-de")).isEmpty();
    }

    @Test
    void a_page_of_a_trail_holds_the_entries_after_a_position_up_to_its_limit() throws Exception {
        for (int i = 1; i <= 4; i++) {
            events.deliver("k-" + i, comment("k-" + i, Attribution.ATTRIBUTED));
        }

        assertThat(trails.trail("p-de", new EntryPage(1, 2), READS_EVERY_CONSULTATION)).extracting(TimelineEntries.Entry::position).containsExactly(2L, 3L);
    }

    @Test
    void of_a_consultation_the_reader_may_not_read_an_entry_shows_who_when_what_kind_and_which_consultation_only() throws Exception {
        events.deliver("a-1", new AmendmentProposedEvent("c-1", "a-1", ChangeKind.REPLACE, "p-1", 1, "States shall halve it.",
                null, "Stronger", 1, GERMANY));
        events.deliver("k-1", comment("k-1", Attribution.ATTRIBUTED));

        List<TimelineEntries.Entry> trail = trails.trail("p-de", ALL, consultationId -> !consultationId.equals("c-1"));

        assertThat(trail).extracting(TimelineEntries.Entry::type).containsExactly("AmendmentProposed", "CommentPosted");
        assertThat(trail).allSatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo(new TimelineEntries.Actor("p-de", "Germany", StakeholderType.STATE));
            assertThat(entry.data()).isEqualTo(Map.of("consultationId", "c-1", "contentWithheld", true));
        });
        assertThat(trail.get(0).at()).isEqualTo(events.at(1));
        assertThat(trail.get(0).summary()).isEqualTo("Germany: amendment proposed in consultation c-1, whose content is withheld");
        assertThat(trail.toString()).doesNotContain("States shall halve it.", "Stronger", "Which waste?");
    }

    @Test
    void a_registration_concerns_no_consultation_and_is_shown_whole_to_any_reader() throws Exception {
        events.deliver("p-de", GERMANY_REGISTERED);

        assertThat(trails.trail("p-de", ALL, consultationId -> false).get(0).summary())
                .isEqualTo("Concord administration registered Delegation of Germany for Germany with the roles [PARTICIPANT]");
    }

    @Test
    void a_reset_empties_every_trail_for_a_rebuild() throws Exception {
        events.deliver("p-de", GERMANY_REGISTERED);

        trails.reset();

        assertThat(trails.trail("p-de", ALL, READS_EVERY_CONSULTATION)).isEmpty();
    }
}
