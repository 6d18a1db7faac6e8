package org.concord.command.participant.command;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
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

import static org.concord.command.domain.Refusals.refused;
import static org.concord.command.domain.RuleViolationException.Kind.CONFLICT;
import static org.concord.command.domain.RuleViolationException.Kind.INVALID;

/** The rules of registering a delegate with a credential and of revoking it, one test each. */
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
                .when(register(Set.of(Role.PARTICIPANT), "hash-1"))
                .expectEvents(REGISTERED);
    }

    @Test
    void a_participant_needs_at_least_one_role() {
        fixture.givenNoPriorActivity()
                .when(register(Set.of(), "hash-1"))
                .expectException(refused(INVALID, "roles"))
                .expectExceptionMessage("A participant needs at least one role")
                .expectNoEvents();
    }

    @Test
    void a_participant_needs_a_credential() {
        fixture.givenNoPriorActivity()
                .when(register(Set.of(Role.PARTICIPANT), " "))
                .expectException(refused(INVALID, "token"))
                .expectExceptionMessage("A participant needs a credential")
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
                .expectException(refused(CONFLICT, null))
                .expectExceptionMessage("This participant's credential is already revoked")
                .expectNoEvents();
    }

    @Test
    void revoking_a_participant_who_was_never_registered_finds_nobody() {
        fixture.givenNoPriorActivity()
                .when(new RevokeParticipantCommand("p-9", ADMIN))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    private static RegisterParticipantCommand register(Set<Role> roles, String tokenHash) {
        return new RegisterParticipantCommand("p-1", "France", StakeholderType.STATE, "FR", "Delegation of France",
                roles, tokenHash, ADMIN);
    }
}
