package org.concord.command.participant.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.participant.ParticipantRegisteredEvent;
import org.concord.messages.participant.ParticipantRevokedEvent;
import org.concord.messages.participant.RegisterParticipantCommand;
import org.concord.messages.participant.RevokeParticipantCommand;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A delegate of an organisation and the credential they act with. */
@Aggregate
class Participant {

    @AggregateIdentifier
    private String participantId;
    private String tokenHash;
    private boolean revoked;

    Participant() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Participant(RegisterParticipantCommand command) {
        if (command.roles() == null || command.roles().isEmpty()) {
            throw RuleViolationException.invalid("roles", "A participant needs at least one role");
        }
        if (command.tokenHash() == null || command.tokenHash().isBlank()) {
            throw RuleViolationException.invalid("token", "A participant needs a credential");
        }
        apply(new ParticipantRegisteredEvent(command.participantId(), command.organisation(), command.stakeholderType(),
                command.country(), command.displayName(), command.roles(), command.tokenHash(), command.registeredBy()));
    }

    @CommandHandler
    void handle(RevokeParticipantCommand command) {
        if (revoked) {
            throw RuleViolationException.conflict("This participant's credential is already revoked");
        }
        apply(new ParticipantRevokedEvent(participantId, tokenHash, command.revokedBy()));
    }

    @EventSourcingHandler
    void on(ParticipantRegisteredEvent event) {
        participantId = event.participantId();
        tokenHash = event.tokenHash();
    }

    @EventSourcingHandler
    void on(ParticipantRevokedEvent event) {
        revoked = true;
    }
}
