package org.concord.command.consultation.command;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.negotiation.CompromiseConsentedEvent;
import org.concord.messages.negotiation.CompromiseObjectedEvent;
import org.concord.messages.negotiation.CompromiseProposedEvent;
import org.concord.messages.participant.Actor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The chair's compromise wording of a provision, an entity of the {@link Consultation}: which pending
 * amendments it merges, the organisations that must answer it (the parties) and their answers. Each
 * party answers once, consenting or objecting, before the deadline. Accepting it changes the text,
 * which the consultation decides.
 */
class Compromise {

    /** Where a compromise stands. */
    enum Status { PENDING, ACCEPTED, WITHDRAWN }

    @EntityId
    private String compromiseId;
    private String consultationId;
    private String provisionId;
    private String text;
    private List<String> amendmentIds = new ArrayList<>();
    private List<String> parties = new ArrayList<>();
    private Instant deadline;
    /** Declared as LinkedHashSet so that a snapshot keeps the order of the answers, which messages name. */
    private LinkedHashSet<String> consented = new LinkedHashSet<>();
    private LinkedHashSet<String> objected = new LinkedHashSet<>();
    private Status status;

    Compromise() {
        // for snapshots
    }

    Compromise(CompromiseProposedEvent proposed) {
        compromiseId = proposed.compromiseId();
        consultationId = proposed.consultationId();
        provisionId = proposed.provisionId();
        text = proposed.text();
        amendmentIds = new ArrayList<>(proposed.amendmentIds());
        parties = new ArrayList<>(proposed.parties());
        deadline = proposed.deadline();
        status = Status.PENDING;
    }

    void consent(Actor party, Instant now) {
        requireAnswerable(party, now);
        apply(new CompromiseConsentedEvent(consultationId, compromiseId, party.organisation(), party));
    }

    void object(Actor party, String reason, Instant now) {
        requireAnswerable(party, now);
        apply(new CompromiseObjectedEvent(consultationId, compromiseId, party.organisation(), reason, party));
    }

    /** Refuses unless nobody objected and every party consented or the deadline passed. */
    void requireAcceptable(Instant now) {
        requirePending("accepted");
        if (!objected.isEmpty()) {
            throw RuleViolationException.conflict("Compromise " + compromiseId + " cannot be accepted: "
                    + String.join(", ", objected) + " objected.");
        }
        List<String> unanswered = parties.stream().filter(party -> !consented.contains(party)).toList();
        if (!unanswered.isEmpty() && now.isBefore(deadline)) {
            throw RuleViolationException.conflict("Compromise " + compromiseId + " cannot be accepted before its deadline "
                    + deadline + ": " + String.join(", ", unanswered) + " have not answered yet.");
        }
    }

    void requirePending(String action) {
        if (status != Status.PENDING) {
            throw RuleViolationException.conflict("Compromise " + compromiseId + " is " + status + "; only a PENDING one can be "
                    + action + ".");
        }
    }

    boolean pending() {
        return status == Status.PENDING;
    }

    String compromiseId() {
        return compromiseId;
    }

    String provisionId() {
        return provisionId;
    }

    String text() {
        return text;
    }

    List<String> amendmentIds() {
        return amendmentIds;
    }

    /** Decided: accepted or withdrawn. Called by the consultation, whose events these are. */
    void end(Status ended) {
        status = ended;
    }

    private void requireAnswerable(Actor party, Instant now) {
        requirePending("answered");
        if (!parties.contains(party.organisation())) {
            throw RuleViolationException.notAllowed("Only the parties to compromise " + compromiseId + " ("
                    + String.join(", ", parties) + ") answer it; " + party.organisation() + " is not one.");
        }
        if (consented.contains(party.organisation()) || objected.contains(party.organisation())) {
            throw RuleViolationException.conflict(party.organisation() + " has already "
                    + (consented.contains(party.organisation()) ? "consented to" : "objected to") + " compromise " + compromiseId + ".");
        }
        if (!now.isBefore(deadline)) {
            throw RuleViolationException.conflict("The deadline of compromise " + compromiseId + " passed at " + deadline
                    + ": it takes no more answers.");
        }
    }

    @EventSourcingHandler
    void on(CompromiseConsentedEvent event) {
        consented.add(event.organisation());
    }

    @EventSourcingHandler
    void on(CompromiseObjectedEvent event) {
        objected.add(event.organisation());
    }

    /** Equal when in the same state: Axon's test fixture compares the state a command left with the state its events rebuild. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Compromise that && Objects.equals(compromiseId, that.compromiseId)
                && Objects.equals(consultationId, that.consultationId) && Objects.equals(provisionId, that.provisionId)
                && Objects.equals(text, that.text) && amendmentIds.equals(that.amendmentIds) && parties.equals(that.parties)
                && Objects.equals(deadline, that.deadline) && consented.equals(that.consented) && objected.equals(that.objected)
                && status == that.status;
    }

    @Override
    public int hashCode() {
        return Objects.hash(compromiseId, status);
    }
}
