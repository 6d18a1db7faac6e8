package org.concord.query.consultation.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.comment.Attribution;
import org.concord.messages.comment.CommentPostedEvent;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationAdoptedEvent;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationEndorsedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.FindConsultationQuery;
import org.concord.messages.consultation.FindConsultationsQuery;
import org.concord.messages.consultation.FindEndorsementsQuery;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
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

/** The consultations read model, read through its queries: text, round, status, position, list and endorsements. */
class ConsultationProjectionTest {

    private static final Actor SECRETARIAT = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor GERMANY = new Actor("p-de", "Germany", StakeholderType.STATE);
    private static final Instant DEADLINE = Instant.parse("2026-04-01T00:00:00Z");
    private static final Provision FIRST = new Provision("p-1", "1", "States shall reduce plastic waste.");
    private static final Provision SECOND = new Provision("p-2", "2", "States shall report yearly.");
    private static final TextRevisedEvent SECOND_REWORDED = new TextRevisedEvent("c-1", 2, 1, "drafting", List.of(
            new TextChange(ChangeKind.REPLACE, "p-2", null, null, "States shall report every two years.")), SECRETARIAT);

    private MongoClient client;
    private ConsultationProjection consultations;
    private TrackedEvents events;

    @BeforeEach
    void setUp() {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        consultations = new ConsultationProjection(new ReadModels(client.getDatabase(test.name())));
        events = new TrackedEvents(Instant.parse("2026-03-02T09:00:00Z"), consultations);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static ConsultationCreatedEvent created(String consultationId, Visibility visibility) {
        return new ConsultationCreatedEvent(consultationId, "Ocean plastics", "A framework", visibility, List.of(FIRST, SECOND),
                ConsultationStatus.DRAFT, SECRETARIAT, 1);
    }

    private ConsultationDetail consultation(String consultationId) {
        return consultations.handle(new FindConsultationQuery(consultationId)).orElseThrow();
    }

    @Test
    void a_created_consultation_is_found_at_version_1_with_its_provisions() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));

        ConsultationDetail found = consultation("c-1");

        assertThat(found.title()).isEqualTo("Ocean plastics");
        assertThat(found.summary()).isEqualTo("A framework");
        assertThat(found.status()).isEqualTo(ConsultationStatus.DRAFT);
        assertThat(found.visibility()).isEqualTo(Visibility.PUBLIC);
        assertThat(found.version()).isEqualTo(1);
        assertThat(found.proposer()).isEqualTo(SECRETARIAT);
        assertThat(found.round()).isNull();
        assertThat(found.provisions()).extracting(ProvisionView::provision).containsExactly(FIRST, SECOND);
        assertThat(found.createdAt()).isEqualTo(events.at(1));
        assertThat(found.position()).isEqualTo(1);
    }

    @Test
    void an_unknown_consultation_is_not_found() {
        assertThat(consultations.handle(new FindConsultationQuery("c-9"))).isEmpty();
    }

    @Test
    void an_opened_round_opens_the_consultation_until_its_deadline() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-1", new RoundOpenedEvent("c-1", 1, DEADLINE, SECRETARIAT));

        ConsultationDetail found = consultation("c-1");

        assertThat(found.status()).isEqualTo(ConsultationStatus.OPEN);
        assertThat(found.round()).isEqualTo(new ConsultationDetail.Round(1, DEADLINE, "OPEN"));
    }

    @Test
    void a_closed_round_closes_the_consultation() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-1", new RoundOpenedEvent("c-1", 1, DEADLINE, SECRETARIAT));
        events.deliver("c-1", new RoundClosedEvent("c-1", 1, SECRETARIAT));

        ConsultationDetail found = consultation("c-1");

        assertThat(found.status()).isEqualTo(ConsultationStatus.CLOSED);
        assertThat(found.round()).isEqualTo(new ConsultationDetail.Round(1, DEADLINE, "CLOSED"));
    }

    @Test
    void a_revision_changes_the_text_and_the_version() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-1", SECOND_REWORDED);

        ConsultationDetail found = consultation("c-1");

        assertThat(found.version()).isEqualTo(2);
        assertThat(found.provisions()).extracting(ProvisionView::provision).containsExactly(FIRST, new Provision("p-2", "2", "States shall report every two years."));
    }

    @Test
    void an_amendment_based_on_a_version_before_its_provision_changed_is_stale() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-1", SECOND_REWORDED);

        ConsultationDetail found = consultation("c-1");

        assertThat(found.isStale("p-2", 1)).isTrue();
        assertThat(found.isStale("p-2", 2)).isFalse();
        assertThat(found.isStale("p-1", 1)).isFalse();
    }

    @Test
    void a_revision_delivered_again_changes_the_text_once() throws Exception {
        TextRevisedEvent inserted = new TextRevisedEvent("c-1", 2, 1, "drafting", List.of(
                new TextChange(ChangeKind.INSERT_AFTER, "p-1", "p-3", null, "States shall cooperate.")), SECRETARIAT);
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-1", inserted);
        events.redeliver(2, "c-1", inserted);

        assertThat(consultation("c-1").provisions()).extracting(ProvisionView::provisionId).containsExactly("p-1", "p-3", "p-2");
    }

    @Test
    void an_accepted_amendment_changes_its_provision_and_the_version() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-1", new AmendmentAcceptedEvent("c-1", "a-1", AmendmentStatus.ACCEPTED, "Agreed",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, "States shall halve plastic waste."), 2, SECRETARIAT));

        ConsultationDetail found = consultation("c-1");

        assertThat(found.version()).isEqualTo(2);
        assertThat(found.provisions().get(0).text()).isEqualTo("States shall halve plastic waste.");
        assertThat(found.isStale("p-1", 1)).isTrue();
    }

    @Test
    void an_adopted_consultation_is_adopted() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-1", new ConsultationAdoptedEvent("c-1", 1, SECRETARIAT));

        assertThat(consultation("c-1").status()).isEqualTo(ConsultationStatus.ADOPTED);
    }

    @Test
    void a_comment_moves_the_consultation_s_position_to_its_own() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("k-1", new CommentPostedEvent("k-1", "c-1", "p-1", null, null, "Which waste?", Attribution.ATTRIBUTED, 1,
                GERMANY, null));

        assertThat(consultation("c-1").position()).isEqualTo(2);
    }

    @Test
    void an_event_handled_late_does_not_move_the_position_back() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-1", new RoundOpenedEvent("c-1", 1, DEADLINE, SECRETARIAT));
        events.redeliver(1, "c-1", created("c-1", Visibility.PUBLIC));

        assertThat(consultation("c-1").position()).isEqualTo(2);
    }

    @Test
    void the_public_list_leaves_out_restricted_consultations() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-2", created("c-2", Visibility.RESTRICTED));

        assertThat(consultations.handle(new FindConsultationsQuery(false))).extracting(ConsultationSummary::consultationId)
                .containsExactly("c-1");
    }

    @Test
    void the_full_list_holds_every_consultation_newest_first_with_its_round() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-2", created("c-2", Visibility.RESTRICTED));
        events.deliver("c-1", new RoundOpenedEvent("c-1", 1, DEADLINE, SECRETARIAT));

        List<ConsultationSummary> found = consultations.handle(new FindConsultationsQuery(true));

        assertThat(found).extracting(ConsultationSummary::consultationId).containsExactly("c-2", "c-1");
        assertThat(found.get(1).round()).isEqualTo(1);
        assertThat(found.get(1).deadline()).isEqualTo(DEADLINE);
        assertThat(found.get(0).round()).isZero();
    }

    @Test
    void an_endorsement_is_listed_once_however_often_it_is_delivered() throws Exception {
        ConsultationEndorsedEvent endorsed = new ConsultationEndorsedEvent("c-1", "Germany", StakeholderType.STATE, "DE", GERMANY);
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-1", endorsed);
        events.redeliver(2, "c-1", endorsed);

        assertThat(consultations.handle(new FindEndorsementsQuery("c-1")))
                .containsExactly(new EndorsementView("Germany", StakeholderType.STATE, "DE", events.at(2)));
    }

    @Test
    void a_reset_forgets_every_consultation_and_endorsement_for_a_rebuild() throws Exception {
        events.deliver("c-1", created("c-1", Visibility.PUBLIC));
        events.deliver("c-1", new ConsultationEndorsedEvent("c-1", "Germany", StakeholderType.STATE, "DE", GERMANY));

        consultations.reset();

        assertThat(consultations.handle(new FindConsultationQuery("c-1"))).isEmpty();
        assertThat(consultations.handle(new FindEndorsementsQuery("c-1"))).isEmpty();
    }
}
