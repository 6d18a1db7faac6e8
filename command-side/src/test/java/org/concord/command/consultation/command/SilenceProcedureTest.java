package org.concord.command.consultation.command;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.messages.amendment.AcceptAmendmentCommand;
import org.concord.messages.consultation.AdoptConsultationCommand;
import org.concord.messages.consultation.ConsultationAdoptedEvent;
import org.concord.messages.consultation.OpenRoundCommand;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.negotiation.BracketTextCommand;
import org.concord.messages.negotiation.BreakSilenceCommand;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.SetProvisionStatusCommand;
import org.concord.messages.negotiation.SilenceBrokenEvent;
import org.concord.messages.negotiation.SilenceProcedureCompletedEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.negotiation.StartSilenceProcedureCommand;
import org.concord.messages.participant.StakeholderType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.concord.command.consultation.command.ConsultationFixtures.CREATED;
import static org.concord.command.consultation.command.ConsultationFixtures.DEADLINE;
import static org.concord.command.consultation.command.ConsultationFixtures.DRAFTER;
import static org.concord.command.consultation.command.ConsultationFixtures.FRANCE;
import static org.concord.command.consultation.command.ConsultationFixtures.NGO;
import static org.concord.command.consultation.command.ConsultationFixtures.NOW;
import static org.concord.command.consultation.command.ConsultationFixtures.OPENED;
import static org.concord.command.consultation.command.ConsultationFixtures.REPLACE_1;
import static org.concord.command.consultation.command.ConsultationFixtures.consultationFixture;
import static org.concord.command.consultation.command.NegotiationFixtures.PROVISION_1_BRACKETED;
import static org.concord.command.consultation.command.NegotiationFixtures.TOOLS_BRACKETED;
import static org.concord.command.consultation.command.NegotiationFixtures.changed;
import static org.concord.command.domain.Refusals.refused;
import static org.concord.command.domain.RuleViolationException.Kind.CONFLICT;
import static org.concord.command.domain.RuleViolationException.Kind.INVALID;
import static org.concord.command.domain.RuleViolationException.Kind.NOT_ALLOWED;

/** The silence procedure: when it may start, who breaks it, what it freezes, and what its deadline does. */
class SilenceProcedureTest {

    private static final Instant SILENT_UNTIL = NOW.plus(Duration.ofDays(7));
    private static final Set<StakeholderType> STATES = Set.of(StakeholderType.STATE);
    private static final SilenceProcedureStartedEvent ON_TEXT = new SilenceProcedureStartedEvent("c-1", "s-1", null, 1, SILENT_UNTIL,
            "Europe/Paris", STATES, DRAFTER);
    private static final SilenceProcedureStartedEvent ON_PROVISION_1 = new SilenceProcedureStartedEvent("c-1", "s-1", "prov-1", 1,
            SILENT_UNTIL, "Europe/Paris", STATES, DRAFTER);
    private FixtureConfiguration<Consultation> fixture;

    @BeforeEach
    void setUp() {
        fixture = consultationFixture();
    }

    private static StartSilenceProcedureCommand start(String provisionId, Instant deadline) {
        return new StartSilenceProcedureCommand("c-1", "s-1", provisionId, deadline, "Europe/Paris", STATES, DRAFTER);
    }

    @Test
    void a_drafter_puts_the_text_under_silence_and_its_deadline_is_scheduled() {
        fixture.given(CREATED)
                .when(start(null, SILENT_UNTIL))
                .expectEvents(ON_TEXT)
                .expectScheduledDeadlineWithName(SILENT_UNTIL, SilenceProcedure.DEADLINE);
    }

    @Test
    void the_deadline_is_in_the_future_and_at_most_366_days_ahead() {
        fixture.given(CREATED).when(start(null, NOW)).expectException(refused(INVALID, "deadline"));
        fixture.given(CREATED).when(start(null, NOW.plus(Duration.ofDays(367)))).expectException(refused(INVALID, "deadline"));
    }

    @Test
    void the_time_zone_is_an_iana_id() {
        fixture.given(CREATED)
                .when(new StartSilenceProcedureCommand("c-1", "s-1", null, SILENT_UNTIL, "Mars/Olympus", STATES, DRAFTER))
                .expectException(refused(INVALID, "timeZone"));
    }

    @Test
    void one_procedure_runs_at_a_time() {
        fixture.given(CREATED, ON_PROVISION_1)
                .when(new StartSilenceProcedureCommand("c-1", "s-2", "prov-2", SILENT_UNTIL, "Europe/Paris", STATES, DRAFTER))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void the_whole_text_goes_under_silence_with_nothing_pending() {
        fixture.given(CREATED, OPENED, REPLACE_1, new RoundClosedEvent("c-1", 1, DRAFTER))
                .when(start(null, SILENT_UNTIL))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Amendment(s) a-1 are still PROPOSED; decide them before putting the text under silence.");
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(start(null, SILENT_UNTIL))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Bracket(s) b-1 are unresolved; resolve them before putting the text under silence.");
        fixture.given(CREATED, OPENED)
                .when(start(null, SILENT_UNTIL))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void a_bracketed_or_agreed_provision_does_not_go_under_silence() {
        fixture.given(CREATED, TOOLS_BRACKETED, PROVISION_1_BRACKETED)
                .when(start("prov-1", SILENT_UNTIL))
                .expectException(refused(CONFLICT, null));
        fixture.given(CREATED, changed(ProvisionStatus.OPEN, ProvisionStatus.AGREED, "Agreed"))
                .when(start("prov-1", SILENT_UNTIL))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void under_silence_the_text_is_not_changed_nor_adopted() {
        String refusal = "the text is under a silence procedure until " + SILENT_UNTIL + " (Europe/Paris).";
        fixture.given(CREATED, ON_TEXT)
                .when(new AdoptConsultationCommand("c-1", DRAFTER))
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("Cannot adopt it: " + refusal);
        fixture.given(CREATED, ON_TEXT)
                .when(new OpenRoundCommand("c-1", DEADLINE, DRAFTER))
                .expectException(refused(CONFLICT, null));
        fixture.given(CREATED, ON_TEXT)
                .when(new BracketTextCommand("c-1", "b-1", "prov-1", 1, 3, 5, List.of(), null, DRAFTER))
                .expectException(refused(CONFLICT, null));
        fixture.given(CREATED, ON_PROVISION_1)
                .when(new SetProvisionStatusCommand("c-1", "prov-2", ProvisionStatus.AGREED, "r", DRAFTER))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void silence_on_a_provision_leaves_rounds_open() {
        fixture.given(CREATED, ON_PROVISION_1)
                .when(new OpenRoundCommand("c-1", DEADLINE, DRAFTER))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void silence_on_a_provision_stops_amendments_being_accepted() {
        fixture.given(CREATED, OPENED, REPLACE_1, ON_PROVISION_1)
                .when(new AcceptAmendmentCommand("c-1", "a-1", "Agreed", null, "new-id", DRAFTER))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void a_participant_of_an_allowed_type_breaks_silence() {
        fixture.given(CREATED)
                .andGivenCommands(start(null, SILENT_UNTIL))
                .when(new BreakSilenceCommand("c-1", "We cannot join", FRANCE))
                .expectEvents(new SilenceBrokenEvent("c-1", "s-1", null, "We cannot join", FRANCE))
                .expectResultMessagePayload("s-1")
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_participant_of_another_type_does_not_break_silence() {
        fixture.given(CREATED, ON_TEXT)
                .when(new BreakSilenceCommand("c-1", "No", NGO))
                .expectException(refused(NOT_ALLOWED, null))
                .expectExceptionMessage("Only participants of type STATE may break this silence.");
    }

    @Test
    void no_silence_to_break_is_a_conflict() {
        fixture.given(CREATED)
                .when(new BreakSilenceCommand("c-1", "No", FRANCE))
                .expectException(refused(CONFLICT, null));
    }

    @Test
    void at_the_deadline_the_text_is_adopted_on_behalf_of_the_drafter() {
        fixture.given(CREATED)
                .andGivenCommands(start(null, SILENT_UNTIL))
                .whenThenTimeAdvancesTo(SILENT_UNTIL)
                .expectEvents(new SilenceProcedureCompletedEvent("c-1", "s-1", null, 1),
                        new ConsultationAdoptedEvent("c-1", 1, DRAFTER));
    }

    @Test
    void at_the_deadline_the_provision_is_agreed() {
        fixture.given(CREATED, changed(ProvisionStatus.OPEN, ProvisionStatus.AGREED_AD_REF, "Ad ref"))
                .andGivenCommands(start("prov-1", SILENT_UNTIL))
                .whenThenTimeAdvancesTo(SILENT_UNTIL)
                .expectEvents(new SilenceProcedureCompletedEvent("c-1", "s-1", "prov-1", 1),
                        changed(ProvisionStatus.AGREED_AD_REF, ProvisionStatus.AGREED, "Silence procedure s-1 passed"));
    }

    @Test
    void a_deadline_after_silence_was_broken_does_nothing() {
        fixture.given(CREATED)
                .andGivenCommands(start(null, SILENT_UNTIL))
                .andGiven(new SilenceBrokenEvent("c-1", "s-1", null, "No", FRANCE))
                .whenThenTimeAdvancesTo(SILENT_UNTIL)
                .expectTriggeredDeadlinesWithName(SilenceProcedure.DEADLINE)
                .expectNoEvents();
    }

    @Test
    void a_deadline_of_an_earlier_procedure_does_nothing_to_the_running_one() {
        SilenceProcedureStartedEvent second = new SilenceProcedureStartedEvent("c-1", "s-2", null, 1,
                SILENT_UNTIL.plus(Duration.ofDays(1)), "Europe/Paris", STATES, DRAFTER);
        fixture.given(CREATED)
                .andGivenCommands(start(null, SILENT_UNTIL))
                .andGiven(new SilenceBrokenEvent("c-1", "s-1", null, "No", FRANCE), second)
                .whenThenTimeAdvancesTo(SILENT_UNTIL)
                .expectTriggeredDeadlinesWithName(SilenceProcedure.DEADLINE)
                .expectNoEvents();
    }
}
