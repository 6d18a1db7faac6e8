package org.concord.command.consultation.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.concord.command.dispatch.RuleViolationException;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.CreateConsultationCommand;
import org.concord.messages.consultation.Provision;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One guideline text under negotiation, and the rules of its lifecycle. */
@Aggregate
class Consultation {

    @AggregateIdentifier
    private String consultationId;
    private ConsultationStatus status;
    private int version;

    Consultation() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Consultation(CreateConsultationCommand command) {
        if (command.status() != ConsultationStatus.DRAFT && command.status() != ConsultationStatus.PROPOSED) {
            throw RuleViolationException.invalid("status", "A consultation starts as DRAFT or PROPOSED");
        }
        if (command.title() == null || command.title().isBlank()) {
            throw RuleViolationException.invalid("title", "must not be blank");
        }
        if (command.provisions() == null || command.provisions().isEmpty()) {
            throw RuleViolationException.invalid("provisions", "A text needs at least one provision");
        }
        Set<String> labels = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < command.provisions().size(); i++) {
            Provision provision = command.provisions().get(i);
            if (!labels.add(provision.label())) {
                throw RuleViolationException.invalid("provisions[" + i + "].label",
                        "Label " + provision.label() + " is used twice");
            }
            if (!ids.add(provision.provisionId())) {
                throw RuleViolationException.invalid("provisions[" + i + "].provisionId", "Provision ids must be unique");
            }
        }
        apply(new ConsultationCreatedEvent(command.consultationId(), command.title(), command.summary(),
                command.visibility(), command.provisions(), command.status(), command.proposer(), 1));
    }

    @EventSourcingHandler
    void on(ConsultationCreatedEvent event) {
        consultationId = event.consultationId();
        status = event.status();
        version = event.version();
    }
}
