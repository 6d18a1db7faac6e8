package org.concord.query.amendment.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentRejectedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.AmendmentSupportWithdrawnEvent;
import org.concord.messages.amendment.AmendmentSupportedEvent;
import org.concord.messages.amendment.AmendmentWithdrawnEvent;
import org.concord.messages.amendment.FindAmendmentQuery;
import org.concord.messages.amendment.FindAmendmentsQuery;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.CountAmendmentsByConsultationQuery;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.consultation.query.ConsultationProjection;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The amendments read model, read through its query handlers: supporters, decisions, staleness, filters and counts. */
class AmendmentProjectionTest {

    private static final Actor SECRETARIAT = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor GERMANY = new Actor("p-de", "Germany", StakeholderType.STATE);
    private static final Actor FRANCE = new Actor("p-fr", "France", StakeholderType.STATE);
    private static final Actor OXFAM = new Actor("p-ox", "Oxfam", StakeholderType.NGO);

    private MongoClient client;
    private AmendmentProjection amendments;
    private TrackedEvents events;

    @BeforeEach
    void setUp() throws Exception {
        TestMongoDatabase test = MongoDbExtension.newDatabase();
        client = MongoClients.create(test.uri());
        ReadModels readModels = new ReadModels(client.getDatabase(test.name()));
        ConsultationProjection consultations = new ConsultationProjection(readModels);
        amendments = new AmendmentProjection(readModels, consultations);
        events = new TrackedEvents(Instant.parse("2026-03-02T09:00:00Z"), consultations, amendments);
        events.deliver("c-1", new ConsultationCreatedEvent("c-1", "Ocean plastics", "A framework", Visibility.PUBLIC,
                List.of(new Provision("p-1", "1", "States shall reduce plastic waste."),
                        new Provision("p-2", "2", "States shall report yearly.")), ConsultationStatus.OPEN, SECRETARIAT, 1));
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static AmendmentProposedEvent proposed(String consultationId, String amendmentId, String provisionId) {
        return new AmendmentProposedEvent(consultationId, amendmentId, ChangeKind.REPLACE, provisionId, 1, "States shall halve it.",
                null, "Stronger wording", 1, GERMANY);
    }

    private AmendmentView amendment(String amendmentId) {
        return amendments.handle(new FindAmendmentQuery("c-1", amendmentId)).orElseThrow();
    }

    @Test
    void a_proposed_amendment_is_found_with_its_author_and_no_supporters() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));

        assertThat(amendment("a-1")).isEqualTo(new AmendmentView("a-1", ChangeKind.REPLACE, "p-1", 1, "States shall halve it.", null,
                "Stronger wording", AmendmentStatus.PROPOSED, false, 1, GERMANY, new AmendmentView.Supporters(0, Map.of()), null,
                events.at(2)));
    }

    @Test
    void supporters_are_counted_by_stakeholder_type() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));
        events.deliver("a-1", new AmendmentSupportedEvent("c-1", "a-1", FRANCE));
        events.deliver("a-1", new AmendmentSupportedEvent("c-1", "a-1", OXFAM));

        assertThat(amendment("a-1").supporters()).isEqualTo(new AmendmentView.Supporters(2, Map.of("STATE", 1, "NGO", 1)));
    }

    @Test
    void a_support_delivered_again_counts_once() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));
        events.deliver("a-1", new AmendmentSupportedEvent("c-1", "a-1", FRANCE));
        events.redeliver(3, "a-1", new AmendmentSupportedEvent("c-1", "a-1", FRANCE));

        assertThat(amendment("a-1").supporters().total()).isEqualTo(1);
    }

    @Test
    void a_withdrawn_support_no_longer_counts() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));
        events.deliver("a-1", new AmendmentSupportedEvent("c-1", "a-1", FRANCE));
        events.deliver("a-1", new AmendmentSupportWithdrawnEvent("c-1", "a-1", FRANCE));

        assertThat(amendment("a-1").supporters()).isEqualTo(new AmendmentView.Supporters(0, Map.of()));
    }

    @Test
    void a_withdrawn_amendment_is_withdrawn_without_a_decision() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));
        events.deliver("a-1", new AmendmentWithdrawnEvent("c-1", "a-1", GERMANY));

        assertThat(amendment("a-1").status()).isEqualTo(AmendmentStatus.WITHDRAWN);
        assertThat(amendment("a-1").decision()).isNull();
    }

    @Test
    void an_accepted_amendment_carries_who_decided_why_when_and_the_version_it_made() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));
        events.deliver("a-1", new AmendmentAcceptedEvent("c-1", "a-1", AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS, "Merged",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, "States shall halve plastic waste."), 2, SECRETARIAT));

        AmendmentView accepted = amendment("a-1");

        assertThat(accepted.status()).isEqualTo(AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS);
        assertThat(accepted.decision()).isEqualTo(new AmendmentView.Decision("d-1", "Merged", events.at(3), 2));
        assertThat(accepted.stale()).isFalse();
    }

    @Test
    void amendments_merged_into_an_accepted_compromise_are_merged_with_the_compromise_named_and_the_version_it_made() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));
        events.deliver("a-2", proposed("c-1", "a-2", "p-1"));
        events.deliver("c-1", new CompromiseAcceptedEvent("c-1", "k-1", "p-1", List.of("a-1", "a-2"), "consensus",
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, "States shall halve plastic waste."), 2, SECRETARIAT));

        assertThat(List.of(amendment("a-1"), amendment("a-2"))).allSatisfy(merged -> {
            assertThat(merged.status()).isEqualTo(AmendmentStatus.MERGED);
            assertThat(merged.decision()).isEqualTo(new AmendmentView.Decision("d-1", "merged into compromise k-1: consensus", events.at(4), 2));
            assertThat(merged.stale()).isFalse();
        });
    }

    @Test
    void a_rejected_amendment_carries_its_reason_and_no_version() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));
        events.deliver("a-1", new AmendmentRejectedEvent("c-1", "a-1", "Out of scope", SECRETARIAT));

        AmendmentView rejected = amendment("a-1");

        assertThat(rejected.status()).isEqualTo(AmendmentStatus.REJECTED);
        assertThat(rejected.decision()).isEqualTo(new AmendmentView.Decision("d-1", "Out of scope", events.at(3), null));
    }

    @Test
    void a_proposed_amendment_whose_provision_changed_since_its_base_version_is_stale() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));
        events.deliver("a-2", proposed("c-1", "a-2", "p-2"));
        events.deliver("c-1", new TextRevisedEvent("c-1", 2, 1, "drafting", List.of(
                new TextChange(ChangeKind.REPLACE, "p-1", null, null, "States shall end plastic waste.")), SECRETARIAT));

        assertThat(amendment("a-1").stale()).isTrue();
        assertThat(amendment("a-2").stale()).isFalse();
    }

    @Test
    void the_amendments_of_a_consultation_are_listed_in_the_order_proposed() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));
        events.deliver("a-2", proposed("c-1", "a-2", "p-2"));
        events.deliver("a-3", proposed("c-2", "a-3", "p-1"));

        assertThat(amendments.handle(new FindAmendmentsQuery("c-1", null))).extracting(AmendmentView::amendmentId)
                .containsExactly("a-1", "a-2");
    }

    @Test
    void the_amendments_of_one_status_are_listed_alone() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));
        events.deliver("a-2", proposed("c-1", "a-2", "p-2"));
        events.deliver("a-2", new AmendmentRejectedEvent("c-1", "a-2", "Out of scope", SECRETARIAT));

        assertThat(amendments.handle(new FindAmendmentsQuery("c-1", AmendmentStatus.REJECTED))).extracting(AmendmentView::amendmentId)
                .containsExactly("a-2");
    }

    @Test
    void an_amendment_of_another_consultation_is_not_found_in_this_one() throws Exception {
        events.deliver("a-3", proposed("c-2", "a-3", "p-1"));

        assertThat(amendments.handle(new FindAmendmentQuery("c-1", "a-3"))).isEmpty();
    }

    @Test
    void amendments_are_counted_by_consultation_whatever_became_of_them() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));
        events.deliver("a-2", proposed("c-1", "a-2", "p-2"));
        events.deliver("a-2", new AmendmentWithdrawnEvent("c-1", "a-2", GERMANY));
        events.deliver("a-3", proposed("c-2", "a-3", "p-1"));

        var counts = amendments.handle(new CountAmendmentsByConsultationQuery());

        assertThat(counts.of("c-1")).isEqualTo(2);
        assertThat(counts.of("c-2")).isEqualTo(1);
    }

    @Test
    void a_reset_forgets_every_amendment_for_a_rebuild() throws Exception {
        events.deliver("a-1", proposed("c-1", "a-1", "p-1"));

        amendments.reset();

        assertThat(amendments.handle(new FindAmendmentsQuery("c-1", null))).isEmpty();
    }
}
