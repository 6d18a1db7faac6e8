package org.concord.command.participant.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.ParticipantRevokedEvent;
import org.concord.messages.participant.RegisterParticipantCommand;
import org.concord.messages.participant.RevokeParticipantCommand;
import org.concord.messages.participant.Role;
import org.concord.messages.participant.StakeholderType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

class ParticipantTest {

    private static final Actor ADMIN = new Actor("admin", "Concord administration", null);
    private static final ParticipantRegisteredEvent REGISTERED = new ParticipantRegisteredEvent("p-1", "France",
            StakeholderType.STATE, "FR", "Delegation of France", Set.of(Role.PARTICIPANT), "hash-1", ADMIN);

    private FixtureConfiguration<Participant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Participant.class);
    }

    @Test
    void an_administrator_registers_a_delegate_with_the_hash_of_their_token() {
        fixture.givenNoPriorActivity()
                .when(new RegisterParticipantCommand("p-1", "France", StakeholderType.STATE, "FR", "Delegation of France",
                        Set.of(Role.PARTICIPANT), "hash-1", ADMIN))
                .expectEvents(REGISTERED);
    }

    @Test
    void a_participant_needs_at_least_one_role() {
        fixture.givenNoPriorActivity()
                .when(new RegisterParticipantCommand("p-1", "France", StakeholderType.STATE, "FR", "Delegation of France",
                        Set.of(), "hash-1", ADMIN))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void revoking_records_which_credential_stops_working() {
        fixture.given(REGISTERED)
                .when(new RevokeParticipantCommand("p-1", ADMIN))
                .expectEvents(new ParticipantRevokedEvent("p-1", "hash-1", ADMIN));
    }

    @Test
    void a_credential_cannot_be_revoked_twice() {
        fixture.given(REGISTERED, new ParticipantRevokedEvent("p-1", "hash-1", ADMIN))
                .when(new RevokeParticipantCommand("p-1", ADMIN))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("This participant's credential is already revoked")
                .expectNoEvents();
    }
}
