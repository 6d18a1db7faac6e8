package org.concord.command.consultation.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.CreateConsultationCommand;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.concord.command.domain.Refusals.refused;
import static org.concord.command.domain.RuleViolationException.Kind.INVALID;

/** The rules of a consultation's creation, one test each. */
class ConsultationTest {

    private static final Actor FRANCE = new Actor("p-fr", "France", StakeholderType.STATE);
    private static final List<Provision> TEXT = List.of(
            new Provision("prov-1", "1", "States should regulate the sale of intrusion tools."),
            new Provision("prov-2", "2", "Vendors should assess the human-rights impact."));

    private FixtureConfiguration<Consultation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Consultation.class);
    }

    @Test
    void a_drafter_creates_a_draft_whose_text_is_version_1() {
        fixture.givenNoPriorActivity()
                .when(create(ConsultationStatus.DRAFT, TEXT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ConsultationCreatedEvent("c-1", "Code of Practice", "For states", Visibility.PUBLIC,
                        TEXT, ConsultationStatus.DRAFT, FRANCE, 1));
    }

    @Test
    void a_participant_proposal_starts_as_proposed() {
        fixture.givenNoPriorActivity()
                .when(create(ConsultationStatus.PROPOSED, TEXT))
                .expectEvents(new ConsultationCreatedEvent("c-1", "Code of Practice", "For states", Visibility.PUBLIC,
                        TEXT, ConsultationStatus.PROPOSED, FRANCE, 1));
    }

    @Test
    void a_consultation_cannot_start_in_any_other_status() {
        fixture.givenNoPriorActivity()
                .when(create(ConsultationStatus.OPEN, TEXT))
                .expectException(refused(INVALID, "status"))
                .expectExceptionMessage("A consultation starts as DRAFT or PROPOSED")
                .expectNoEvents();
    }

    @Test
    void two_provisions_cannot_share_a_label() {
        List<Provision> twice = List.of(new Provision("a", "1", "One."), new Provision("b", "1", "Also one."));
        fixture.givenNoPriorActivity()
                .when(create(ConsultationStatus.DRAFT, twice))
                .expectException(refused(INVALID, "provisions[1].label"))
                .expectExceptionMessage("Label 1 is used twice")
                .expectNoEvents();
    }

    @Test
    void two_provisions_cannot_share_an_id() {
        List<Provision> twice = List.of(new Provision("a", "1", "One."), new Provision("a", "2", "Two."));
        fixture.givenNoPriorActivity()
                .when(create(ConsultationStatus.DRAFT, twice))
                .expectException(refused(INVALID, "provisions[1].provisionId"))
                .expectExceptionMessage("Provision ids must be unique")
                .expectNoEvents();
    }

    private static CreateConsultationCommand create(ConsultationStatus status, List<Provision> provisions) {
        return new CreateConsultationCommand("c-1", "Code of Practice", "For states", Visibility.PUBLIC,
                provisions, status, FRANCE);
    }
}
