package org.concord.command.consultation.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentRejectedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.AmendmentSupportWithdrawnEvent;
import org.concord.messages.amendment.AmendmentSupportedEvent;
import org.concord.messages.amendment.AmendmentWithdrawnEvent;
import org.concord.messages.amendment.RejectAmendmentCommand;
import org.concord.messages.amendment.SupportAmendmentCommand;
import org.concord.messages.amendment.WithdrawAmendmentCommand;
import org.concord.messages.amendment.WithdrawSupportCommand;
import org.concord.messages.consultation.ChangeKind;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An amendment to a consultation's text, an entity of the {@link Consultation}: who proposed which change
 * to which provision on which version, who supports it, and what became of it. It decides alone what
 * concerns only itself (supports, withdrawal, rejection); accepting it changes the text, which the
 * consultation decides.
 */
class Amendment {

    @EntityId
    private String amendmentId;
    private String consultationId;
    private ChangeKind kind;
    private String provisionId;
    private int baseVersion;
    private String text;
    private String label;
    private String authorId;
    private String authorOrganisation;
    private AmendmentStatus status;
    /** The pending compromise it is merged in, if any: then it is decided with the compromise, not alone. */
    private String compromiseId;
    private Set<String> supporters = new HashSet<>();

    Amendment() {
        // for snapshots
    }

    Amendment(AmendmentProposedEvent proposed) {
        amendmentId = proposed.amendmentId();
        consultationId = proposed.consultationId();
        kind = proposed.kind();
        provisionId = proposed.provisionId();
        baseVersion = proposed.baseVersion();
        text = proposed.text();
        label = proposed.label();
        authorId = proposed.author().participantId();
        authorOrganisation = proposed.author().organisation();
        status = AmendmentStatus.PROPOSED;
    }

    @CommandHandler
    void handle(SupportAmendmentCommand command) {
        if (authorId.equals(command.supporter().participantId())) {
            throw RuleViolationException.notAllowed("Authors cannot support their own amendment.");
        }
        requireProposed("supported");
        if (supporters.contains(command.supporter().participantId())) {
            throw RuleViolationException.conflict("You already support this amendment.");
        }
        apply(new AmendmentSupportedEvent(consultationId, amendmentId, command.supporter()));
    }

    @CommandHandler
    void handle(WithdrawSupportCommand command) {
        if (!supporters.contains(command.supporter().participantId())) {
            throw RuleViolationException.conflict("You do not support this amendment.");
        }
        requireProposed("changed");
        apply(new AmendmentSupportWithdrawnEvent(consultationId, amendmentId, command.supporter()));
    }

    @CommandHandler
    void handle(WithdrawAmendmentCommand command) {
        if (!authorId.equals(command.by().participantId())) {
            throw RuleViolationException.notAllowed("Only the author may withdraw an amendment.");
        }
        requireDecidable("withdrawn");
        apply(new AmendmentWithdrawnEvent(consultationId, amendmentId, command.by()));
    }

    @CommandHandler
    void handle(RejectAmendmentCommand command) {
        requireDecidable("rejected");
        apply(new AmendmentRejectedEvent(consultationId, amendmentId, command.reason(), command.by()));
    }

    /** Refuses unless the amendment is still PROPOSED: a decided or withdrawn one cannot be {@code action}. */
    void requireProposed(String action) {
        if (status != AmendmentStatus.PROPOSED) {
            throw RuleViolationException.conflict("The amendment is " + status + "; only a PROPOSED one can be " + action + ".");
        }
    }

    /** Refuses unless it is PROPOSED and not merged in a pending compromise, which decides it instead. */
    void requireDecidable(String action) {
        requireProposed(action);
        if (compromiseId != null) {
            throw RuleViolationException.conflict("The amendment is merged in pending compromise " + compromiseId
                    + "; it cannot be " + action + " on its own (withdraw the compromise first).");
        }
    }

    boolean pending() {
        return status == AmendmentStatus.PROPOSED;
    }

    ChangeKind kind() {
        return kind;
    }

    String provisionId() {
        return provisionId;
    }

    int baseVersion() {
        return baseVersion;
    }

    String text() {
        return text;
    }

    String label() {
        return label;
    }

    String authorOrganisation() {
        return authorOrganisation;
    }

    String compromiseId() {
        return compromiseId;
    }

    /** Merged in a pending compromise, or free again ({@code null}) when it was withdrawn. Called by the consultation. */
    void mergeIn(String compromise) {
        compromiseId = compromise;
    }

    /** The compromise it was merged in was accepted: it is disposed of as MERGED. Called by the consultation. */
    void merged() {
        status = AmendmentStatus.MERGED;
        compromiseId = null;
    }

    /** Equal when in the same state: Axon's test fixture compares the state a command left with the state its events rebuild. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Amendment that && Objects.equals(amendmentId, that.amendmentId)
                && Objects.equals(consultationId, that.consultationId) && kind == that.kind
                && Objects.equals(provisionId, that.provisionId) && baseVersion == that.baseVersion
                && Objects.equals(text, that.text) && Objects.equals(label, that.label)
                && Objects.equals(authorId, that.authorId) && Objects.equals(authorOrganisation, that.authorOrganisation)
                && status == that.status && Objects.equals(compromiseId, that.compromiseId) && supporters.equals(that.supporters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(amendmentId, status);
    }

    @EventSourcingHandler
    void on(AmendmentSupportedEvent event) {
        supporters.add(event.supporter().participantId());
    }

    @EventSourcingHandler
    void on(AmendmentSupportWithdrawnEvent event) {
        supporters.remove(event.supporter().participantId());
    }

    @EventSourcingHandler
    void on(AmendmentWithdrawnEvent event) {
        status = AmendmentStatus.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(AmendmentAcceptedEvent event) {
        status = event.status();
    }

    @EventSourcingHandler
    void on(AmendmentRejectedEvent event) {
        status = AmendmentStatus.REJECTED;
    }
}
