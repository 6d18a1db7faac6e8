package org.concord.command.consultation.command;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.messages.amendment.AmendmentRejectedEvent;
import org.concord.messages.consultation.AdoptConsultationCommand;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.CloseRoundCommand;
import org.concord.messages.consultation.ConsultationAdoptedEvent;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationEndorsedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.EndorseConsultationCommand;
import org.concord.messages.consultation.OpenRoundCommand;
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

import java.util.List;

import static org.concord.command.consultation.command.ConsultationFixtures.CREATED;
import static org.concord.command.consultation.command.ConsultationFixtures.DEADLINE;
import static org.concord.command.consultation.command.ConsultationFixtures.DRAFTER;
import static org.concord.command.consultation.command.ConsultationFixtures.FRANCE;
import static org.concord.command.consultation.command.ConsultationFixtures.NOW;
import static org.concord.command.consultation.command.ConsultationFixtures.OPENED;
import static org.concord.command.consultation.command.ConsultationFixtures.REPLACE_1;
import static org.concord.command.consultation.command.ConsultationFixtures.TEXT;
import static org.concord.command.consultation.command.ConsultationFixtures.consultationFixture;
import static org.concord.command.domain.Refusals.refused;
import static org.concord.command.domain.RuleViolationException.Kind.CONFLICT;
import static org.concord.command.domain.RuleViolationException.Kind.INVALID;

/**
 * The rules of a consultation's lifecycle, one test each: its rounds, the drafters' revisions between them,
 * its adoption and the endorsements of the adopted text. Its amendments: {@link AmendmentTest} and
 * {@link AmendmentAcceptanceTest}.
 */
class ConsultationLifecycleTest {

    private static final RoundClosedEvent CLOSED = new RoundClosedEvent("c-1", 1, DRAFTER);
    private static final ConsultationAdoptedEvent ADOPTED = new ConsultationAdoptedEvent("c-1", 1, DRAFTER);
    private static final ConsultationEndorsedEvent FRANCE_ENDORSED =
            new ConsultationEndorsedEvent("c-1", "France", StakeholderType.STATE, "FR", FRANCE);

    private FixtureConfiguration<Consultation> fixture;

    @BeforeEach
    void setUp() {
        fixture = consultationFixture();
    }

    @Test
    void a_drafter_opens_round_1_with_a_deadline_in_the_future() {
        fixture.given(CREATED)
                .when(new OpenRoundCommand("c-1", DEADLINE, DRAFTER))
                .expectEvents(OPENED)
                .expectResultMessagePayload(1);
    }

    @Test
    void a_consultation_proposed_by_a_participant_opens_its_round_1() {
        fixture.given(new ConsultationCreatedEvent("c-1", "Code", "Summary", Visibility.PUBLIC, TEXT,
                        ConsultationStatus.PROPOSED, FRANCE, 1))
                .when(new OpenRoundCommand("c-1", DEADLINE, DRAFTER))
                .expectEvents(OPENED);
    }

    @Test
    void a_deadline_in_the_past_is_refused() {
        fixture.given(CREATED)
                .when(new OpenRoundCommand("c-1", NOW.minusSeconds(1), DRAFTER))
                .expectException(refused(INVALID, "deadline"))
                .expectExceptionMessage("must be in the future")
                .expectNoEvents();
    }

    @Test
    void a_deadline_at_this_very_moment_is_refused() {
        fixture.given(CREATED)
                .when(new OpenRoundCommand("c-1", NOW, DRAFTER))
                .expectException(refused(INVALID, "deadline"))
                .expectNoEvents();
    }

    @Test
    void a_round_needs_a_deadline() {
        fixture.given(CREATED)
                .when(new OpenRoundCommand("c-1", null, DRAFTER))
                .expectException(refused(INVALID, "deadline"))
                .expectNoEvents();
    }

    @Test
    void a_round_cannot_be_opened_while_one_is_open() {
        fixture.given(CREATED, OPENED)
                .when(new OpenRoundCommand("c-1", DEADLINE, DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Cannot open a round while the consultation is OPEN.")
                .expectNoEvents();
    }

    @Test
    void closing_the_round_makes_the_consultation_closed() {
        fixture.given(CREATED, OPENED)
                .when(new CloseRoundCommand("c-1", DRAFTER))
                .expectEvents(CLOSED)
                .expectResultMessagePayload(1);
    }

    @Test
    void the_round_opened_after_a_closed_one_is_round_2() {
        fixture.given(CREATED, OPENED, CLOSED)
                .when(new OpenRoundCommand("c-1", DEADLINE, DRAFTER))
                .expectEvents(new RoundOpenedEvent("c-1", 2, DEADLINE, DRAFTER))
                .expectResultMessagePayload(2);
    }

    @Test
    void only_an_open_round_can_be_closed() {
        fixture.given(CREATED)
                .when(new CloseRoundCommand("c-1", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Cannot close a round while the consultation is DRAFT.")
                .expectNoEvents();
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
    void a_change_may_name_the_provision_an_earlier_change_of_the_same_revision_inserted() {
        List<TextChange> changes = List.of(new TextChange(ChangeKind.INSERT_AFTER, "prov-2", "prov-3", "3", "Review in 2026."),
                new TextChange(ChangeKind.REPLACE, "prov-3", null, null, "Review in 2027."));
        fixture.given(CREATED, OPENED, CLOSED)
                .when(new ReviseTextCommand("c-1", 1, "Later review", changes, DRAFTER))
                .expectEvents(new TextRevisedEvent("c-1", 2, 1, "Later review", changes, DRAFTER));
    }

    @Test
    void no_revision_while_a_round_is_open() {
        fixture.given(CREATED, OPENED)
                .when(revise(1, new TextChange(ChangeKind.REPLACE, "prov-2", null, null, "X.")))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Cannot revise the text while the consultation is OPEN.")
                .expectNoEvents();
    }

    @Test
    void a_revision_on_a_stale_base_version_is_refused() {
        fixture.given(CREATED, new TextRevisedEvent("c-1", 2, 1, "First",
                        List.of(new TextChange(ChangeKind.REPLACE, "prov-2", null, null, "Y.")), DRAFTER))
                .when(revise(1, new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "X.")))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("The text has changed since version 1; it is now at version 2. Revise against the current version.")
                .expectNoEvents();
    }

    @Test
    void a_change_needs_a_kind() {
        fixture.given(CREATED)
                .when(revise(1, new TextChange(null, "prov-1", null, null, "X.")))
                .expectException(refused(INVALID, "changes[0].kind"))
                .expectNoEvents();
    }

    @Test
    void a_change_must_name_a_provision_of_the_text() {
        fixture.given(CREATED)
                .when(revise(1, new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "X."),
                        new TextChange(ChangeKind.REPLACE, "prov-9", null, null, "Y.")))
                .expectException(refused(INVALID, "changes[1].provisionId"))
                .expectExceptionMessage("No provision prov-9 in the text")
                .expectNoEvents();
    }

    @Test
    void a_replacement_needs_a_text() {
        fixture.given(CREATED)
                .when(revise(1, new TextChange(ChangeKind.REPLACE, "prov-1", null, null, " ")))
                .expectException(refused(INVALID, "changes[0].text"))
                .expectNoEvents();
    }

    @Test
    void an_inserted_provision_needs_a_text() {
        fixture.given(CREATED)
                .when(revise(1, new TextChange(ChangeKind.INSERT_AFTER, "prov-1", "prov-3", "1.a", null)))
                .expectException(refused(INVALID, "changes[0].text"))
                .expectNoEvents();
    }

    @Test
    void an_inserted_provision_needs_a_label_the_text_does_not_use() {
        fixture.given(CREATED)
                .when(revise(1, new TextChange(ChangeKind.INSERT_AFTER, "prov-1", "prov-3", "1.a", "New."),
                        new TextChange(ChangeKind.INSERT_AFTER, "prov-3", "prov-4", "1.a", "Newer.")))
                .expectException(refused(INVALID, "changes[1].label"))
                .expectExceptionMessage("needs a label not used in the text")
                .expectNoEvents();
    }

    @Test
    void the_text_keeps_at_least_one_provision() {
        fixture.given(CREATED)
                .when(revise(1, new TextChange(ChangeKind.DELETE, "prov-1", null, null, null),
                        new TextChange(ChangeKind.DELETE, "prov-2", null, null, null)))
                .expectException(refused(INVALID, "changes[1]"))
                .expectExceptionMessage("A text needs at least one provision")
                .expectNoEvents();
    }

    @Test
    void the_adopted_text_cannot_be_revised() {
        fixture.given(CREATED, ADOPTED)
                .when(revise(1, new TextChange(ChangeKind.REPLACE, "prov-1", null, null, "X.")))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Cannot revise the text while the consultation is ADOPTED.")
                .expectNoEvents();
    }

    @Test
    void a_closed_consultation_whose_amendments_are_all_decided_is_adopted_at_its_current_version() {
        fixture.given(CREATED, OPENED, REPLACE_1, new AmendmentRejectedEvent("c-1", "a-1", "No", DRAFTER), CLOSED)
                .when(new AdoptConsultationCommand("c-1", DRAFTER))
                .expectEvents(ADOPTED)
                .expectResultMessagePayload(1);
    }

    @Test
    void a_draft_is_adopted_without_a_round() {
        fixture.given(CREATED)
                .when(new AdoptConsultationCommand("c-1", DRAFTER))
                .expectEvents(ADOPTED);
    }

    @Test
    void adoption_waits_until_no_amendment_is_proposed() {
        fixture.given(CREATED, OPENED, REPLACE_1, CLOSED)
                .when(new AdoptConsultationCommand("c-1", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("1 amendment(s) are still PROPOSED; decide them before adopting.")
                .expectNoEvents();
    }

    @Test
    void adoption_waits_until_the_round_is_closed() {
        fixture.given(CREATED, OPENED)
                .when(new AdoptConsultationCommand("c-1", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Cannot adopt it while the consultation is OPEN.")
                .expectNoEvents();
    }

    @Test
    void an_adopted_text_is_adopted_once() {
        fixture.given(CREATED, ADOPTED)
                .when(new AdoptConsultationCommand("c-1", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectNoEvents();
    }

    @Test
    void no_round_is_opened_on_the_adopted_text() {
        fixture.given(CREATED, ADOPTED)
                .when(new OpenRoundCommand("c-1", DEADLINE, DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Cannot open a round while the consultation is ADOPTED.")
                .expectNoEvents();
    }

    @Test
    void an_organisation_endorses_the_adopted_text_with_its_delegates_country() {
        fixture.given(CREATED, ADOPTED)
                .when(new EndorseConsultationCommand("c-1", "FR", FRANCE))
                .expectEvents(FRANCE_ENDORSED);
    }

    @Test
    void an_organisation_endorses_once_whichever_of_its_delegates_signs() {
        fixture.given(CREATED, ADOPTED, FRANCE_ENDORSED)
                .when(new EndorseConsultationCommand("c-1", "FR", new Actor("p-fr-2", "France", StakeholderType.STATE)))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("France has already endorsed this text.")
                .expectNoEvents();
    }

    @Test
    void another_organisation_endorses_after_the_first() {
        Actor japan = new Actor("p-jp", "Japan", StakeholderType.STATE);
        fixture.given(CREATED, ADOPTED, FRANCE_ENDORSED)
                .when(new EndorseConsultationCommand("c-1", "JP", japan))
                .expectEvents(new ConsultationEndorsedEvent("c-1", "Japan", StakeholderType.STATE, "JP", japan));
    }

    @Test
    void only_an_adopted_text_is_endorsed() {
        fixture.given(CREATED)
                .when(new EndorseConsultationCommand("c-1", "FR", FRANCE))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Cannot endorse it while the consultation is DRAFT.")
                .expectNoEvents();
    }

    private static ReviseTextCommand revise(int baseVersion, TextChange... changes) {
        return new ReviseTextCommand("c-1", baseVersion, "Scrub", List.of(changes), DRAFTER);
    }
}
