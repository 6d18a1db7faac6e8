package org.concord.command.consultation.command;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.messages.amendment.AcceptAmendmentCommand;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentCommand;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentRejectedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.AmendmentSupportWithdrawnEvent;
import org.concord.messages.amendment.AmendmentSupportedEvent;
import org.concord.messages.amendment.AmendmentWithdrawnEvent;
import org.concord.messages.amendment.ProposeAmendmentCommand;
import org.concord.messages.amendment.RejectAmendmentCommand;
import org.concord.messages.amendment.SupportAmendmentCommand;
import org.concord.messages.amendment.WithdrawAmendmentCommand;
import org.concord.messages.amendment.WithdrawSupportCommand;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.TextChange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.concord.command.consultation.command.ConsultationFixtures.CREATED;
import static org.concord.command.consultation.command.ConsultationFixtures.DEADLINE;
import static org.concord.command.consultation.command.ConsultationFixtures.DRAFTER;
import static org.concord.command.consultation.command.ConsultationFixtures.FRANCE;
import static org.concord.command.consultation.command.ConsultationFixtures.NGO;
import static org.concord.command.consultation.command.ConsultationFixtures.OPENED;
import static org.concord.command.consultation.command.ConsultationFixtures.REPLACE_1;
import static org.concord.command.consultation.command.ConsultationFixtures.consultationFixture;
import static org.concord.command.domain.Refusals.refused;
import static org.concord.command.domain.RuleViolationException.Kind.CONFLICT;
import static org.concord.command.domain.RuleViolationException.Kind.INVALID;
import static org.concord.command.domain.RuleViolationException.Kind.NOT_ALLOWED;
import static org.concord.command.domain.RuleViolationException.Kind.NOT_FOUND;

/**
 * The rules of proposing an amendment, which the consultation keeps, and those each {@link Amendment} keeps
 * alone: supports, withdrawal, rejection. One test each, through the consultation, as commands reach them.
 * Accepting one: {@link AmendmentAcceptanceTest}.
 */
class AmendmentTest {

    private static final AmendmentSupportedEvent NGO_SUPPORTS_1 = new AmendmentSupportedEvent("c-1", "a-1", NGO);
    /** France's second amendment, a-2, replacing provision 2. */
    private static final AmendmentProposedEvent REPLACE_2 = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.REPLACE,
            "prov-2", 1, "Vendors shall assess risks.", null, "Stronger wording", 1, FRANCE);

    private FixtureConfiguration<Consultation> fixture;

    @BeforeEach
    void setUp() {
        fixture = consultationFixture();
    }

    @Test
    void a_participant_proposes_an_amendment_while_the_round_is_open() {
        fixture.given(CREATED, OPENED)
                .when(propose(ChangeKind.REPLACE, "prov-1", 1, "States shall regulate intrusion tools.", null))
                .expectEvents(REPLACE_1);
    }

    @Test
    void a_deletion_is_proposed_without_a_text() {
        fixture.given(CREATED, OPENED)
                .when(propose(ChangeKind.DELETE, "prov-2", 1, null, null))
                .expectEvents(new AmendmentProposedEvent("c-1", "a-1", ChangeKind.DELETE, "prov-2", 1, null, null,
                        "Stronger wording", 1, FRANCE));
    }

    @Test
    void an_insertion_is_proposed_with_a_label_the_text_does_not_use() {
        fixture.given(CREATED, OPENED)
                .when(propose(ChangeKind.INSERT_AFTER, "prov-1", 1, "States should publish licences.", "1.a"))
                .expectEvents(new AmendmentProposedEvent("c-1", "a-1", ChangeKind.INSERT_AFTER, "prov-1", 1,
                        "States should publish licences.", "1.a", "Stronger wording", 1, FRANCE));
    }

    @Test
    void no_amendment_is_accepted_after_the_deadline_even_before_the_round_is_closed() {
        fixture.given(CREATED, OPENED)
                .andGivenCurrentTime(DEADLINE.plusSeconds(1))
                .when(propose(ChangeKind.REPLACE, "prov-1", 1, "Late.", null))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The deadline of round 1 passed at 2025-04-15T10:00:00Z: no new amendments are accepted.")
                .expectNoEvents();
    }

    @Test
    void no_amendment_is_accepted_at_the_deadline_itself() {
        fixture.given(CREATED, OPENED)
                .andGivenCurrentTime(DEADLINE)
                .when(propose(ChangeKind.REPLACE, "prov-1", 1, "Just in time?", null))
                .expectException(refused(CONFLICT, null))
                .expectNoEvents();
    }

    @Test
    void no_amendment_is_accepted_when_no_round_is_open() {
        fixture.given(CREATED)
                .when(propose(ChangeKind.REPLACE, "prov-1", 1, "Early.", null))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("No comment round is open: amendments are not accepted while the consultation is DRAFT.")
                .expectNoEvents();
    }

    @Test
    void an_amendment_must_name_a_provision_of_the_current_text() {
        fixture.given(CREATED, OPENED)
                .when(propose(ChangeKind.REPLACE, "prov-9", 1, "X.", null))
                .expectException(refused(INVALID, "provisionId"))
                .expectExceptionMessage("No provision prov-9 in the current text")
                .expectNoEvents();
    }

    @Test
    void an_amendment_cannot_be_based_on_a_version_that_does_not_exist_yet() {
        fixture.given(CREATED, OPENED)
                .when(propose(ChangeKind.REPLACE, "prov-1", 2, "X.", null))
                .expectException(refused(INVALID, "baseVersion"))
                .expectExceptionMessage("must be between 1 and the current version 1")
                .expectNoEvents();
    }

    @Test
    void an_amendment_cannot_be_based_on_version_0() {
        fixture.given(CREATED, OPENED)
                .when(propose(ChangeKind.REPLACE, "prov-1", 0, "X.", null))
                .expectException(refused(INVALID, "baseVersion"))
                .expectNoEvents();
    }

    @Test
    void a_replacement_needs_a_text() {
        fixture.given(CREATED, OPENED)
                .when(propose(ChangeKind.REPLACE, "prov-1", 1, " ", null))
                .expectException(refused(INVALID, "text"))
                .expectExceptionMessage("must not be blank for REPLACE")
                .expectNoEvents();
    }

    @Test
    void a_deletion_takes_no_text() {
        fixture.given(CREATED, OPENED)
                .when(propose(ChangeKind.DELETE, "prov-1", 1, "Text.", null))
                .expectException(refused(INVALID, "text"))
                .expectExceptionMessage("A deletion takes no text")
                .expectNoEvents();
    }

    @Test
    void an_insertion_needs_a_label() {
        fixture.given(CREATED, OPENED)
                .when(propose(ChangeKind.INSERT_AFTER, "prov-1", 1, "New.", null))
                .expectException(refused(INVALID, "label"))
                .expectExceptionMessage("An inserted provision needs a label")
                .expectNoEvents();
    }

    @Test
    void an_insertion_needs_a_label_the_text_does_not_use() {
        fixture.given(CREATED, OPENED)
                .when(propose(ChangeKind.INSERT_AFTER, "prov-1", 1, "New.", "2"))
                .expectException(refused(INVALID, "label"))
                .expectExceptionMessage("Label 2 is already used")
                .expectNoEvents();
    }

    @Test
    void another_participant_supports_an_amendment() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new SupportAmendmentCommand("c-1", "a-1", NGO))
                .expectEvents(NGO_SUPPORTS_1);
    }

    @Test
    void the_author_cannot_support_their_own_amendment() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new SupportAmendmentCommand("c-1", "a-1", FRANCE))
                .expectException(refused(NOT_ALLOWED, null))
                .expectExceptionMessage("Authors cannot support their own amendment.")
                .expectNoEvents();
    }

    @Test
    void support_is_given_once() {
        fixture.given(CREATED, OPENED, REPLACE_1, NGO_SUPPORTS_1)
                .when(new SupportAmendmentCommand("c-1", "a-1", NGO))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("You already support this amendment.")
                .expectNoEvents();
    }

    @Test
    void a_decided_amendment_is_not_supported() {
        fixture.given(CREATED, OPENED, REPLACE_1, new AmendmentRejectedEvent("c-1", "a-1", "No", DRAFTER))
                .when(new SupportAmendmentCommand("c-1", "a-1", NGO))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The amendment is REJECTED; only a PROPOSED one can be supported.")
                .expectNoEvents();
    }

    @Test
    void support_of_one_amendment_is_not_support_of_another() {
        fixture.given(CREATED, OPENED, REPLACE_1, REPLACE_2, NGO_SUPPORTS_1)
                .when(new SupportAmendmentCommand("c-1", "a-2", NGO))
                .expectEvents(new AmendmentSupportedEvent("c-1", "a-2", NGO));
    }

    @Test
    void a_decision_on_one_amendment_leaves_the_others_proposed() {
        fixture.given(CREATED, OPENED, REPLACE_1, REPLACE_2, new AmendmentRejectedEvent("c-1", "a-1", "No", DRAFTER))
                .when(new SupportAmendmentCommand("c-1", "a-2", NGO))
                .expectEvents(new AmendmentSupportedEvent("c-1", "a-2", NGO));
    }

    @Test
    void a_supporter_withdraws_their_support() {
        fixture.given(CREATED, OPENED, REPLACE_1, NGO_SUPPORTS_1)
                .when(new WithdrawSupportCommand("c-1", "a-1", NGO))
                .expectEvents(new AmendmentSupportWithdrawnEvent("c-1", "a-1", NGO));
    }

    @Test
    void support_withdrawn_may_be_given_again() {
        fixture.given(CREATED, OPENED, REPLACE_1, NGO_SUPPORTS_1, new AmendmentSupportWithdrawnEvent("c-1", "a-1", NGO))
                .when(new SupportAmendmentCommand("c-1", "a-1", NGO))
                .expectEvents(NGO_SUPPORTS_1);
    }

    @Test
    void only_a_supporter_withdraws_support() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new WithdrawSupportCommand("c-1", "a-1", NGO))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("You do not support this amendment.")
                .expectNoEvents();
    }

    @Test
    void support_of_a_withdrawn_amendment_is_not_withdrawn() {
        fixture.given(CREATED, OPENED, REPLACE_1, NGO_SUPPORTS_1, new AmendmentWithdrawnEvent("c-1", "a-1", FRANCE))
                .when(new WithdrawSupportCommand("c-1", "a-1", NGO))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The amendment is WITHDRAWN; only a PROPOSED one can be changed.")
                .expectNoEvents();
    }

    @Test
    void the_author_withdraws_their_amendment() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new WithdrawAmendmentCommand("c-1", "a-1", FRANCE))
                .expectEvents(new AmendmentWithdrawnEvent("c-1", "a-1", FRANCE));
    }

    @Test
    void only_the_author_withdraws_an_amendment() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new WithdrawAmendmentCommand("c-1", "a-1", NGO))
                .expectException(refused(NOT_ALLOWED, null))
                .expectExceptionMessage("Only the author may withdraw an amendment.")
                .expectNoEvents();
    }

    @Test
    void a_withdrawn_amendment_is_not_withdrawn_again() {
        fixture.given(CREATED, OPENED, REPLACE_1, new AmendmentWithdrawnEvent("c-1", "a-1", FRANCE))
                .when(new WithdrawAmendmentCommand("c-1", "a-1", FRANCE))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The amendment is WITHDRAWN; only a PROPOSED one can be withdrawn.")
                .expectNoEvents();
    }

    @Test
    void a_drafter_rejects_a_pending_amendment_saying_why() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new RejectAmendmentCommand("c-1", "a-1", "Out of scope", DRAFTER))
                .expectEvents(new AmendmentRejectedEvent("c-1", "a-1", "Out of scope", DRAFTER));
    }

    @Test
    void a_rejected_amendment_is_not_rejected_again() {
        fixture.given(CREATED, OPENED, REPLACE_1, new AmendmentRejectedEvent("c-1", "a-1", "No", DRAFTER))
                .when(new RejectAmendmentCommand("c-1", "a-1", "Still no", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The amendment is REJECTED; only a PROPOSED one can be rejected.")
                .expectNoEvents();
    }

    @Test
    void an_accepted_amendment_is_not_rejected() {
        fixture.given(CREATED, OPENED, REPLACE_1, new AmendmentAcceptedEvent("c-1", "a-1", AmendmentStatus.ACCEPTED, "Agreed",
                        new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States shall regulate intrusion tools."), 2, DRAFTER))
                .when(new RejectAmendmentCommand("c-1", "a-1", "On second thoughts", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The amendment is ACCEPTED; only a PROPOSED one can be rejected.")
                .expectNoEvents();
    }

    static List<AmendmentCommand> commandsAboutAmendmentA9() {
        return List.of(new SupportAmendmentCommand("c-1", "a-9", NGO),
                new WithdrawSupportCommand("c-1", "a-9", NGO),
                new WithdrawAmendmentCommand("c-1", "a-9", FRANCE),
                new AcceptAmendmentCommand("c-1", "a-9", "Agreed", null, "prov-new", DRAFTER),
                new RejectAmendmentCommand("c-1", "a-9", "No", DRAFTER));
    }

    @ParameterizedTest
    @MethodSource("commandsAboutAmendmentA9")
    void a_command_about_an_amendment_the_consultation_does_not_have_is_not_found(AmendmentCommand command) {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(command)
                .expectException(refused(NOT_FOUND, null))
                .expectExceptionMessage("No amendment a-9 in this consultation.")
                .expectNoEvents();
    }

    private static ProposeAmendmentCommand propose(ChangeKind kind, String provisionId, int baseVersion, String text, String label) {
        return new ProposeAmendmentCommand("c-1", "a-1", kind, provisionId, baseVersion, text, label, "Stronger wording", FRANCE);
    }
}
