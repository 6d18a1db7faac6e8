package org.concord.command.consultation.command;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.messages.amendment.AcceptAmendmentCommand;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentRejectedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.consultation.TextChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.concord.command.consultation.command.ConsultationFixtures.CREATED;
import static org.concord.command.consultation.command.ConsultationFixtures.DRAFTER;
import static org.concord.command.consultation.command.ConsultationFixtures.FRANCE;
import static org.concord.command.consultation.command.ConsultationFixtures.NGO;
import static org.concord.command.consultation.command.ConsultationFixtures.OPENED;
import static org.concord.command.consultation.command.ConsultationFixtures.REPLACE_1;
import static org.concord.command.consultation.command.ConsultationFixtures.consultationFixture;
import static org.concord.command.domain.Refusals.refused;
import static org.concord.command.domain.RuleViolationException.Kind.CONFLICT;
import static org.concord.command.domain.RuleViolationException.Kind.INVALID;

/** The rules of accepting an amendment, which the consultation keeps because it makes the next version of the text. */
class AmendmentAcceptanceTest {

    /** France's a-1 accepted as proposed: provision 1 changed in version 2. */
    private static final AmendmentAcceptedEvent REPLACE_1_ACCEPTED = new AmendmentAcceptedEvent("c-1", "a-1",
            AmendmentStatus.ACCEPTED, "Agreed", new TextChange(ChangeKind.REPLACE, "prov-1", null, null,
            "States shall regulate intrusion tools."), 2, DRAFTER);

    private FixtureConfiguration<Consultation> fixture;

    @BeforeEach
    void setUp() {
        fixture = consultationFixture();
    }

    @Test
    void accepting_an_amendment_makes_the_next_version() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Agreed in plenary", null, "new-id", DRAFTER))
                .expectEvents(new AmendmentAcceptedEvent("c-1", "a-1", AmendmentStatus.ACCEPTED, "Agreed in plenary",
                        new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States shall regulate intrusion tools."),
                        2, DRAFTER))
                .expectResultMessagePayload(2);
    }

    @Test
    void accepting_with_merged_wording_is_accepted_with_modifications() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Merged", "States must regulate.", "new-id", DRAFTER))
                .expectEvents(new AmendmentAcceptedEvent("c-1", "a-1", AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS, "Merged",
                        new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States must regulate."), 2, DRAFTER));
    }

    @Test
    void blank_merged_wording_accepts_the_amendment_as_proposed() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Agreed", "  ", "new-id", DRAFTER))
                .expectEvents(new AmendmentAcceptedEvent("c-1", "a-1", AmendmentStatus.ACCEPTED, "Agreed",
                        new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States shall regulate intrusion tools."),
                        2, DRAFTER));
    }

    @Test
    void an_amendment_is_decided_after_its_round_closed() {
        fixture.given(CREATED, OPENED, REPLACE_1, new RoundClosedEvent("c-1", 1, DRAFTER))
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Agreed", null, "new-id", DRAFTER))
                .expectEvents(new AmendmentAcceptedEvent("c-1", "a-1", AmendmentStatus.ACCEPTED, "Agreed",
                        new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States shall regulate intrusion tools."),
                        2, DRAFTER));
    }

    @Test
    void an_accepted_insertion_creates_a_provision_with_the_new_id() {
        AmendmentProposedEvent insert = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.INSERT_AFTER, "prov-1", 1,
                "States should publish export licences.", "1.a", "Transparency", 1, NGO);
        fixture.given(CREATED, OPENED, insert)
                .when(new AcceptAmendmentCommand("c-1", "a-2", "Useful", null, "prov-new", DRAFTER))
                .expectEvents(new AmendmentAcceptedEvent("c-1", "a-2", AmendmentStatus.ACCEPTED, "Useful",
                        new TextChange(ChangeKind.INSERT_AFTER, "prov-1", "prov-new", "1.a",
                                "States should publish export licences."), 2, DRAFTER));
    }

    @Test
    void a_deletion_that_would_leave_the_text_without_a_provision_is_not_accepted() {
        AmendmentProposedEvent deleteFirst = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.DELETE, "prov-1", 1,
                null, null, "Redundant", 1, NGO);
        AmendmentProposedEvent deleteSecond = new AmendmentProposedEvent("c-1", "a-3", ChangeKind.DELETE, "prov-2", 1,
                null, null, "Also redundant", 1, FRANCE);
        AmendmentAcceptedEvent firstDeleted = new AmendmentAcceptedEvent("c-1", "a-2", AmendmentStatus.ACCEPTED, "Agreed",
                new TextChange(ChangeKind.DELETE, "prov-1", null, null, null), 2, DRAFTER);
        fixture.given(CREATED, OPENED, deleteFirst, deleteSecond, firstDeleted)
                .when(new AcceptAmendmentCommand("c-1", "a-3", "Agreed", null, "x", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Accepting this deletion would leave the text without a provision; reject it, or revise "
                        + "the text first.")
                .expectNoEvents();
    }

    @Test
    void a_stale_amendment_is_not_accepted_without_merged_wording() {
        AmendmentProposedEvent other = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.REPLACE, "prov-1", 1,
                "States may regulate.", null, "Softer", 1, NGO);
        fixture.given(CREATED, OPENED, REPLACE_1, other, REPLACE_1_ACCEPTED)
                .when(new AcceptAmendmentCommand("c-1", "a-2", "Also agreed", null, "x", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The provision changed after version 1 on which this amendment is based; "
                        + "accept it with merged wording in text.")
                .expectNoEvents();
    }

    @Test
    void a_stale_amendment_is_accepted_with_merged_wording() {
        AmendmentProposedEvent other = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.REPLACE, "prov-1", 1,
                "States may regulate.", null, "Softer", 1, NGO);
        fixture.given(CREATED, OPENED, REPLACE_1, other, REPLACE_1_ACCEPTED)
                .when(new AcceptAmendmentCommand("c-1", "a-2", "Merged", "States shall, where needed, regulate.", "x", DRAFTER))
                .expectEvents(new AmendmentAcceptedEvent("c-1", "a-2", AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS, "Merged",
                        new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States shall, where needed, regulate."),
                        3, DRAFTER));
    }

    @Test
    void a_stale_deletion_is_accepted_as_proposed() {
        AmendmentProposedEvent delete = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.DELETE, "prov-1", 1,
                null, null, "Redundant", 1, NGO);
        fixture.given(CREATED, OPENED, REPLACE_1, delete, REPLACE_1_ACCEPTED)
                .when(new AcceptAmendmentCommand("c-1", "a-2", "Redundant after all", null, "x", DRAFTER))
                .expectEvents(new AmendmentAcceptedEvent("c-1", "a-2", AmendmentStatus.ACCEPTED, "Redundant after all",
                        new TextChange(ChangeKind.DELETE, "prov-1", null, null, null), 3, DRAFTER));
    }

    @Test
    void a_deletion_is_not_accepted_with_merged_wording() {
        AmendmentProposedEvent delete = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.DELETE, "prov-2", 1,
                null, null, "Redundant", 1, NGO);
        fixture.given(CREATED, OPENED, delete)
                .when(new AcceptAmendmentCommand("c-1", "a-2", "Agreed", "Vendors may assess risks.", "x", DRAFTER))
                .expectException(refused(INVALID, "text"))
                .expectExceptionMessage("A deletion takes no text")
                .expectNoEvents();
    }

    @Test
    void an_amendment_whose_provision_was_deleted_cannot_be_accepted() {
        AmendmentProposedEvent delete = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.DELETE, "prov-1", 1,
                null, null, "Redundant", 1, NGO);
        fixture.given(CREATED, OPENED, REPLACE_1, delete,
                        new AmendmentAcceptedEvent("c-1", "a-2", AmendmentStatus.ACCEPTED, "Agreed",
                                new TextChange(ChangeKind.DELETE, "prov-1", null, null, null), 2, DRAFTER))
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Agreed", "Merged.", "x", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The provision this amendment changes has been deleted; it cannot be accepted.")
                .expectNoEvents();
    }

    @Test
    void an_insertion_whose_label_was_taken_since_cannot_be_accepted() {
        AmendmentProposedEvent ngoInsert = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.INSERT_AFTER, "prov-1", 1,
                "States should publish export licences.", "1.a", "Transparency", 1, NGO);
        AmendmentProposedEvent franceInsert = new AmendmentProposedEvent("c-1", "a-3", ChangeKind.INSERT_AFTER, "prov-2", 1,
                "Vendors should keep records.", "1.a", "Records", 1, FRANCE);
        fixture.given(CREATED, OPENED, ngoInsert, franceInsert,
                        new AmendmentAcceptedEvent("c-1", "a-3", AmendmentStatus.ACCEPTED, "Agreed", new TextChange(
                                ChangeKind.INSERT_AFTER, "prov-2", "prov-3", "1.a", "Vendors should keep records."), 2, DRAFTER))
                .when(new AcceptAmendmentCommand("c-1", "a-2", "Useful", null, "prov-4", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Label 1.a has been used since; reject or re-propose.")
                .expectNoEvents();
    }

    @Test
    void a_decided_amendment_cannot_be_decided_again() {
        fixture.given(CREATED, OPENED, REPLACE_1, new AmendmentRejectedEvent("c-1", "a-1", "No", DRAFTER))
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Yes after all", null, "x", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The amendment is REJECTED; only a PROPOSED one can be accepted.")
                .expectNoEvents();
    }
}
