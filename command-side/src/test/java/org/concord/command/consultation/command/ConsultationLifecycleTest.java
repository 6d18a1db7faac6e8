package org.concord.command.consultation.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.amendment.AcceptAmendmentCommand;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
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
import org.concord.messages.consultation.AdoptConsultationCommand;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.CloseRoundCommand;
import org.concord.messages.consultation.ConsultationAdoptedEvent;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationEndorsedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.EndorseConsultationCommand;
import org.concord.messages.consultation.OpenRoundCommand;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.ReviseTextCommand;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of a consultation's lifecycle, its amendments and their decisions, one test each. */
class ConsultationLifecycleTest {

    private static final Instant NOW = Instant.parse("2025-04-01T10:00:00Z");
    private static final Instant DEADLINE = NOW.plus(Duration.ofDays(14));
    private static final Actor DRAFTER = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    private static final Actor FRANCE = new Actor("p-fr", "France", StakeholderType.STATE);
    private static final Actor NGO = new Actor("p-ngo", "Access Now", StakeholderType.NGO);
    private static final List<Provision> TEXT = List.of(
            new Provision("prov-1", "1", "States should regulate intrusion tools."),
            new Provision("prov-2", "2", "Vendors should assess risks."));
    private static final ConsultationCreatedEvent CREATED = new ConsultationCreatedEvent("c-1", "Code", "Summary",
            Visibility.PUBLIC, TEXT, ConsultationStatus.DRAFT, DRAFTER, 1);
    private static final RoundOpenedEvent OPENED = new RoundOpenedEvent("c-1", 1, DEADLINE, DRAFTER);
    private static final AmendmentProposedEvent REPLACE_1 = new AmendmentProposedEvent("c-1", "a-1", ChangeKind.REPLACE,
            "prov-1", 1, "States shall regulate intrusion tools.", null, "Stronger wording", 1, FRANCE);

    private FixtureConfiguration<Consultation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Consultation.class);
        fixture.givenCurrentTime(NOW);
    }

    @Test
    void a_drafter_opens_round_1_with_a_deadline_in_the_future() {
        fixture.given(CREATED)
                .when(new OpenRoundCommand("c-1", DEADLINE, DRAFTER))
                .expectEvents(OPENED)
                .expectResultMessagePayload(1);
    }

    @Test
    void a_deadline_in_the_past_is_refused() {
        fixture.given(CREATED)
                .when(new OpenRoundCommand("c-1", NOW.minusSeconds(1), DRAFTER))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void a_round_cannot_be_opened_while_one_is_open() {
        fixture.given(CREATED, OPENED)
                .when(new OpenRoundCommand("c-1", DEADLINE, DRAFTER))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void closing_the_round_makes_the_consultation_closed_and_the_next_round_is_2() {
        fixture.given(CREATED, OPENED)
                .when(new CloseRoundCommand("c-1", DRAFTER))
                .expectEvents(new RoundClosedEvent("c-1", 1, DRAFTER));
        fixture.given(CREATED, OPENED, new RoundClosedEvent("c-1", 1, DRAFTER))
                .when(new OpenRoundCommand("c-1", DEADLINE, DRAFTER))
                .expectEvents(new RoundOpenedEvent("c-1", 2, DEADLINE, DRAFTER));
    }

    @Test
    void only_an_open_round_can_be_closed() {
        fixture.given(CREATED)
                .when(new CloseRoundCommand("c-1", DRAFTER))
                .expectException(RuleViolationException.class);
    }

    @Test
    void a_participant_proposes_an_amendment_while_the_round_is_open() {
        fixture.given(CREATED, OPENED)
                .when(new ProposeAmendmentCommand("c-1", "a-1", ChangeKind.REPLACE, "prov-1", 1,
                        "States shall regulate intrusion tools.", null, "Stronger wording", FRANCE))
                .expectEvents(REPLACE_1);
    }

    @Test
    void no_amendment_is_accepted_after_the_deadline_even_before_the_round_is_closed() {
        fixture.given(CREATED, OPENED)
                .andGivenCurrentTime(DEADLINE.plusSeconds(1))
                .when(new ProposeAmendmentCommand("c-1", "a-1", ChangeKind.REPLACE, "prov-1", 1, "Late.", null, "Late", FRANCE))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("deadline"))
                .expectNoEvents();
    }

    @Test
    void no_amendment_is_accepted_when_no_round_is_open() {
        fixture.given(CREATED)
                .when(new ProposeAmendmentCommand("c-1", "a-1", ChangeKind.REPLACE, "prov-1", 1, "Early.", null, "Early", FRANCE))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void an_amendment_must_name_a_provision_of_the_current_text() {
        fixture.given(CREATED, OPENED)
                .when(new ProposeAmendmentCommand("c-1", "a-1", ChangeKind.REPLACE, "prov-9", 1, "X.", null, "Why", FRANCE))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void an_amendment_cannot_be_based_on_a_version_that_does_not_exist_yet() {
        fixture.given(CREATED, OPENED)
                .when(new ProposeAmendmentCommand("c-1", "a-1", ChangeKind.REPLACE, "prov-1", 2, "X.", null, "Why", FRANCE))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void an_insertion_needs_a_new_label_and_a_deletion_takes_no_text() {
        fixture.given(CREATED, OPENED)
                .when(new ProposeAmendmentCommand("c-1", "a-1", ChangeKind.INSERT_AFTER, "prov-1", 1, "New.", "2", "Why", FRANCE))
                .expectException(RuleViolationException.class);
        fixture.given(CREATED, OPENED)
                .when(new ProposeAmendmentCommand("c-1", "a-1", ChangeKind.DELETE, "prov-1", 1, "Text.", null, "Why", FRANCE))
                .expectException(RuleViolationException.class);
    }

    @Test
    void another_participant_supports_and_withdraws_support() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new SupportAmendmentCommand("c-1", "a-1", NGO))
                .expectEvents(new AmendmentSupportedEvent("c-1", "a-1", NGO));
        fixture.given(CREATED, OPENED, REPLACE_1, new AmendmentSupportedEvent("c-1", "a-1", NGO))
                .when(new WithdrawSupportCommand("c-1", "a-1", NGO))
                .expectEvents(new AmendmentSupportWithdrawnEvent("c-1", "a-1", NGO));
    }

    @Test
    void the_author_cannot_support_their_own_amendment() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new SupportAmendmentCommand("c-1", "a-1", FRANCE))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void support_is_given_once() {
        fixture.given(CREATED, OPENED, REPLACE_1, new AmendmentSupportedEvent("c-1", "a-1", NGO))
                .when(new SupportAmendmentCommand("c-1", "a-1", NGO))
                .expectException(RuleViolationException.class);
    }

    @Test
    void supporting_an_unknown_amendment_is_not_found() {
        fixture.given(CREATED, OPENED)
                .when(new SupportAmendmentCommand("c-1", "a-9", NGO))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("No amendment a-9 in this consultation.");
    }

    @Test
    void only_the_author_withdraws_and_only_while_proposed() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new WithdrawAmendmentCommand("c-1", "a-1", NGO))
                .expectException(RuleViolationException.class);
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new WithdrawAmendmentCommand("c-1", "a-1", FRANCE))
                .expectEvents(new AmendmentWithdrawnEvent("c-1", "a-1", FRANCE));
        fixture.given(CREATED, OPENED, REPLACE_1, new AmendmentWithdrawnEvent("c-1", "a-1", FRANCE))
                .when(new WithdrawAmendmentCommand("c-1", "a-1", FRANCE))
                .expectException(RuleViolationException.class);
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
    void a_stale_amendment_is_accepted_only_with_merged_wording() {
        AmendmentProposedEvent other = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.REPLACE, "prov-1", 1,
                "States may regulate.", null, "Softer", 1, NGO);
        AmendmentAcceptedEvent firstAccepted = new AmendmentAcceptedEvent("c-1", "a-1", AmendmentStatus.ACCEPTED, "Agreed",
                new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States shall regulate intrusion tools."), 2, DRAFTER);
        fixture.given(CREATED, OPENED, REPLACE_1, other, firstAccepted)
                .when(new AcceptAmendmentCommand("c-1", "a-2", "Also agreed", null, "x", DRAFTER))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("merged wording"))
                .expectNoEvents();
        fixture.given(CREATED, OPENED, REPLACE_1, other, firstAccepted)
                .when(new AcceptAmendmentCommand("c-1", "a-2", "Merged", "States shall, where needed, regulate.", "x", DRAFTER))
                .expectEvents(new AmendmentAcceptedEvent("c-1", "a-2", AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS, "Merged",
                        new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "States shall, where needed, regulate."),
                        3, DRAFTER));
    }

    @Test
    void an_amendment_whose_provision_was_deleted_cannot_be_accepted() {
        AmendmentProposedEvent delete = new AmendmentProposedEvent("c-1", "a-2", ChangeKind.DELETE, "prov-1", 1,
                null, null, "Redundant", 1, NGO);
        fixture.given(CREATED, OPENED, REPLACE_1, delete,
                        new AmendmentAcceptedEvent("c-1", "a-2", AmendmentStatus.ACCEPTED, "Agreed",
                                new TextChange(ChangeKind.DELETE, "prov-1", null, null, null), 2, DRAFTER))
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Agreed", "Merged.", "x", DRAFTER))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("deleted"))
                .expectNoEvents();
    }

    @Test
    void a_drafter_rejects_a_pending_amendment_saying_why() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new RejectAmendmentCommand("c-1", "a-1", "Out of scope", DRAFTER))
                .expectEvents(new AmendmentRejectedEvent("c-1", "a-1", "Out of scope", DRAFTER));
    }

    @Test
    void a_decided_amendment_cannot_be_decided_again() {
        fixture.given(CREATED, OPENED, REPLACE_1, new AmendmentRejectedEvent("c-1", "a-1", "No", DRAFTER))
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Yes after all", null, "x", DRAFTER))
                .expectException(RuleViolationException.class);
    }

    @Test
    void a_drafter_revises_between_rounds_against_the_current_version() {
        List<TextChange> changes = List.of(new TextChange(ChangeKind.REPLACE, "prov-2", null, null, "Vendors shall assess."),
                new TextChange(ChangeKind.INSERT_AFTER, "prov-2", "prov-3", "3", "Review in 2026."));
        fixture.given(CREATED)
                .when(new ReviseTextCommand("c-1", 1, "Legal scrub", changes, DRAFTER))
                .expectEvents(new TextRevisedEvent("c-1", 2, 1, "Legal scrub", changes, DRAFTER))
                .expectResultMessagePayload(2);
    }

    @Test
    void no_revision_while_a_round_is_open() {
        fixture.given(CREATED, OPENED)
                .when(new ReviseTextCommand("c-1", 1, "Scrub",
                        List.of(new TextChange(ChangeKind.REPLACE, "prov-2", null, null, "X.")), DRAFTER))
                .expectException(RuleViolationException.class);
    }

    @Test
    void a_revision_on_a_stale_base_version_is_refused() {
        fixture.given(CREATED, new TextRevisedEvent("c-1", 2, 1, "First",
                        List.of(new TextChange(ChangeKind.REPLACE, "prov-2", null, null, "Y.")), DRAFTER))
                .when(new ReviseTextCommand("c-1", 1, "Second",
                        List.of(new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "X.")), DRAFTER))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("now at version 2"));
    }

    @Test
    void adoption_waits_until_no_amendment_is_proposed_and_the_round_is_closed() {
        RoundClosedEvent closed = new RoundClosedEvent("c-1", 1, DRAFTER);
        fixture.given(CREATED, OPENED, REPLACE_1, closed)
                .when(new AdoptConsultationCommand("c-1", DRAFTER))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("still PROPOSED"));
        fixture.given(CREATED, OPENED)
                .when(new AdoptConsultationCommand("c-1", DRAFTER))
                .expectException(RuleViolationException.class);
        fixture.given(CREATED, OPENED, REPLACE_1, new AmendmentRejectedEvent("c-1", "a-1", "No", DRAFTER), closed)
                .when(new AdoptConsultationCommand("c-1", DRAFTER))
                .expectEvents(new ConsultationAdoptedEvent("c-1", 1, DRAFTER));
    }

    @Test
    void the_adopted_text_is_frozen() {
        fixture.given(CREATED, new ConsultationAdoptedEvent("c-1", 1, DRAFTER))
                .when(new ReviseTextCommand("c-1", 1, "After adoption",
                        List.of(new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "X.")), DRAFTER))
                .expectException(RuleViolationException.class);
        fixture.given(CREATED, new ConsultationAdoptedEvent("c-1", 1, DRAFTER))
                .when(new OpenRoundCommand("c-1", DEADLINE, DRAFTER))
                .expectException(RuleViolationException.class);
    }

    @Test
    void an_organisation_endorses_an_adopted_text_once() {
        ConsultationAdoptedEvent adopted = new ConsultationAdoptedEvent("c-1", 1, DRAFTER);
        fixture.given(CREATED, adopted)
                .when(new EndorseConsultationCommand("c-1", "FR", FRANCE))
                .expectEvents(new ConsultationEndorsedEvent("c-1", "France", StakeholderType.STATE, "FR", FRANCE));
        fixture.given(CREATED, adopted, new ConsultationEndorsedEvent("c-1", "France", StakeholderType.STATE, "FR", FRANCE))
                .when(new EndorseConsultationCommand("c-1", "FR", new Actor("p-fr-2", "France", StakeholderType.STATE)))
                .expectException(RuleViolationException.class);
        fixture.given(CREATED)
                .when(new EndorseConsultationCommand("c-1", "FR", FRANCE))
                .expectException(RuleViolationException.class);
    }

    @Test
    void a_comment_may_be_posted_only_while_the_round_is_open_and_on_what_exists() {
        fixture.given(CREATED, OPENED, REPLACE_1)
                .when(new CloseRoundCommand("c-1", DRAFTER))
                .expectState(consultation -> {
                    assertThat(catchRule(() -> consultation.roundForComment("prov-1", "a-1"))).isNotNull();
                });
        // expectState runs on the real clock, so this round's deadline lies far ahead
        RoundOpenedEvent openLong = new RoundOpenedEvent("c-1", 1, Instant.parse("2100-01-01T00:00:00Z"), DRAFTER);
        fixture.given(CREATED, openLong, REPLACE_1)
                .when(new SupportAmendmentCommand("c-1", "a-1", NGO))
                .expectState(consultation -> {
                    assertThat(consultation.roundForComment("prov-1", "a-1")).isEqualTo(1);
                    assertThat(catchRule(() -> consultation.roundForComment("prov-9", null))).hasMessageContaining("prov-9");
                    assertThat(catchRule(() -> consultation.roundForComment(null, "a-9"))).hasMessageContaining("a-9");
                });
    }

    private static RuleViolationException catchRule(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuleViolationException e) {
            return e;
        }
    }
}
