package org.concord.command.consultation.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The consultation the lifecycle and amendment tests start from: a draft of two provisions by the secretariat,
 * its round 1 open for two weeks, and France's amendment to provision 1.
 */
final class ConsultationFixtures {

    static final Instant NOW = Instant.parse("2025-04-01T10:00:00Z");
    static final Instant DEADLINE = NOW.plus(Duration.ofDays(14));
    static final Actor DRAFTER = new Actor("d-1", "Secretariat", StakeholderType.INTERNATIONAL_ORGANISATION);
    static final Actor FRANCE = new Actor("p-fr", "France", StakeholderType.STATE);
    static final Actor NGO = new Actor("p-ngo", "Access Now", StakeholderType.NGO);
    static final List<Provision> TEXT = List.of(
            new Provision("prov-1", "1", "States should regulate intrusion tools."),
            new Provision("prov-2", "2", "Vendors should assess risks."));
    static final ConsultationCreatedEvent CREATED = new ConsultationCreatedEvent("c-1", "Code", "Summary",
            Visibility.PUBLIC, TEXT, ConsultationStatus.DRAFT, DRAFTER, 1);
    static final RoundOpenedEvent OPENED = new RoundOpenedEvent("c-1", 1, DEADLINE, DRAFTER);
    /** France's amendment a-1, replacing provision 1 as it read in version 1. */
    static final AmendmentProposedEvent REPLACE_1 = new AmendmentProposedEvent("c-1", "a-1", ChangeKind.REPLACE,
            "prov-1", 1, "States shall regulate intrusion tools.", null, "Stronger wording", 1, FRANCE);

    private ConsultationFixtures() {
    }

    /** A fixture of the Consultation aggregate whose clock reads {@link #NOW}. */
    static FixtureConfiguration<Consultation> consultationFixture() {
        FixtureConfiguration<Consultation> fixture = new AggregateTestFixture<>(Consultation.class);
        fixture.givenCurrentTime(NOW);
        return fixture;
    }
}
