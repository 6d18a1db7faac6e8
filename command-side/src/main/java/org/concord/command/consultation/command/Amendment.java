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
    private AmendmentStatus status;
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
        requireProposed("withdrawn");
        apply(new AmendmentWithdrawnEvent(consultationId, amendmentId, command.by()));
    }

    @CommandHandler
    void handle(RejectAmendmentCommand command) {
        requireProposed("rejected");
        apply(new AmendmentRejectedEvent(consultationId, amendmentId, command.reason(), command.by()));
    }

    /** Refuses unless the amendment is still PROPOSED: a decided or withdrawn one cannot be {@code action}. */
    void requireProposed(String action) {
        if (status != AmendmentStatus.PROPOSED) {
            throw RuleViolationException.conflict("The amendment is " + status + "; only a PROPOSED one can be " + action + ".");
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

    /** Equal when in the same state: Axon's test fixture compares the state a command left with the state its events rebuild. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Amendment that && Objects.equals(amendmentId, that.amendmentId)
                && Objects.equals(consultationId, that.consultationId) && kind == that.kind
                && Objects.equals(provisionId, that.provisionId) && baseVersion == that.baseVersion
                && Objects.equals(text, that.text) && Objects.equals(label, that.label)
                && Objects.equals(authorId, that.authorId) && status == that.status && supporters.equals(that.supporters);
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
