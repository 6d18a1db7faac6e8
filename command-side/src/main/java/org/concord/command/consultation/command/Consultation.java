package org.concord.command.consultation.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.concord.command.domain.RuleViolationException;
import org.concord.messages.amendment.AcceptAmendmentCommand;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentCommand;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.ProposeAmendmentCommand;
import org.concord.messages.comment.CommentAnchor;
import org.concord.messages.comment.WordSelection;
import org.concord.messages.consultation.AdoptConsultationCommand;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.CloseRoundCommand;
import org.concord.messages.consultation.ConsultationAdoptedEvent;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationEndorsedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.CreateConsultationCommand;
import org.concord.messages.consultation.EndorseConsultationCommand;
import org.concord.messages.consultation.OpenRoundCommand;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.ReviseTextCommand;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Text;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Words;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One guideline text under negotiation: its lifecycle, its text and the amendments to it, with the
 * rules that keep them consistent. Comments live in their own aggregate, so that thousands of them
 * neither grow this one nor contend for it; amendments are its entities ({@link Amendment}) because
 * accepting one changes the text. The commands' structural checks (blank fields, empty lists) are the
 * requests' Bean Validation; the aggregate keeps the rules that depend on its state. Snapshots keep
 * loading fast as the history grows; their shape is {@link ConsultationSnapshots#REVISION}.
 */
@Aggregate(snapshotTriggerDefinition = "consultationSnapshotTrigger")
@Revision(ConsultationSnapshots.REVISION)
class Consultation {

    @AggregateIdentifier
    private String consultationId;
    private ConsultationStatus status;
    private int version;
    private int round;
    private Instant deadline;
    private Text text;
    /** The version in which each current provision last changed; decides whether an amendment is stale. */
    private Map<String, Integer> changedIn = new HashMap<>();
    /** An amendment's events go to it alone (Axon's default would hand each to every amendment). */
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private Map<String, Amendment> amendments = new HashMap<>();
    private Set<String> endorsers = new HashSet<>();

    Consultation() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Consultation(CreateConsultationCommand command) {
        if (command.status() != ConsultationStatus.DRAFT && command.status() != ConsultationStatus.PROPOSED) {
            throw RuleViolationException.invalid("status", "A consultation starts as DRAFT or PROPOSED");
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

    @CommandHandler
    int handle(OpenRoundCommand command) {
        requireStatus("open a round", ConsultationStatus.DRAFT, ConsultationStatus.PROPOSED, ConsultationStatus.CLOSED);
        if (command.deadline() == null || !command.deadline().isAfter(now())) {
            throw RuleViolationException.invalid("deadline", "must be in the future");
        }
        apply(new RoundOpenedEvent(consultationId, round + 1, command.deadline(), command.by()));
        return round;
    }

    @CommandHandler
    int handle(CloseRoundCommand command) {
        requireStatus("close a round", ConsultationStatus.OPEN);
        apply(new RoundClosedEvent(consultationId, round, command.by()));
        return round;
    }

    @CommandHandler
    int handle(ReviseTextCommand command) {
        requireStatus("revise the text", ConsultationStatus.DRAFT, ConsultationStatus.PROPOSED, ConsultationStatus.CLOSED);
        if (command.baseVersion() != version) {
            throw RuleViolationException.conflict("The text has changed since version " + command.baseVersion()
                    + "; it is now at version " + version + ". Revise against the current version.");
        }
        Text revised = text;
        for (int i = 0; i < command.changes().size(); i++) {
            revised = checkedApply(revised, command.changes().get(i), "changes[" + i + "]");
        }
        apply(new TextRevisedEvent(consultationId, version + 1, command.baseVersion(), command.reason(),
                command.changes(), command.by()));
        return version;
    }

    @CommandHandler
    int handle(AdoptConsultationCommand command) {
        requireStatus("adopt it", ConsultationStatus.DRAFT, ConsultationStatus.PROPOSED, ConsultationStatus.CLOSED);
        long proposed = amendments.values().stream().filter(Amendment::pending).count();
        if (proposed > 0) {
            throw RuleViolationException.conflict(proposed + " amendment(s) are still PROPOSED; decide them before adopting.");
        }
        apply(new ConsultationAdoptedEvent(consultationId, version, command.by()));
        return version;
    }

    @CommandHandler
    void handle(EndorseConsultationCommand command) {
        requireStatus("endorse it", ConsultationStatus.ADOPTED);
        if (endorsers.contains(command.by().organisation())) {
            throw RuleViolationException.conflict(command.by().organisation() + " has already endorsed this text.");
        }
        apply(new ConsultationEndorsedEvent(consultationId, command.by().organisation(),
                command.by().stakeholderType(), command.country(), command.by()));
    }

    @CommandHandler
    void handle(ProposeAmendmentCommand command) {
        requireOpenRound("amendments");
        if (command.provisionId() == null || text.find(command.provisionId()).isEmpty()) {
            throw RuleViolationException.invalid("provisionId", "No provision " + command.provisionId() + " in the current text");
        }
        if (command.baseVersion() < 1 || command.baseVersion() > version) {
            throw RuleViolationException.invalid("baseVersion", "must be between 1 and the current version " + version);
        }
        boolean hasText = command.text() != null && !command.text().isBlank();
        if (command.kind() == ChangeKind.DELETE && hasText) {
            throw RuleViolationException.invalid("text", "A deletion takes no text");
        }
        if (command.kind() != ChangeKind.DELETE && !hasText) {
            throw RuleViolationException.invalid("text", "must not be blank for " + command.kind());
        }
        if (command.kind() == ChangeKind.INSERT_AFTER) {
            if (command.label() == null || command.label().isBlank()) {
                throw RuleViolationException.invalid("label", "An inserted provision needs a label");
            }
            if (text.hasLabel(command.label())) {
                throw RuleViolationException.invalid("label", "Label " + command.label() + " is already used");
            }
        }
        apply(new AmendmentProposedEvent(consultationId, command.amendmentId(), command.kind(), command.provisionId(),
                command.baseVersion(), command.text(), command.label(), command.justification(), round, command.author()));
    }

    /** Every command about an amendment names one of this consultation's, also those its amendments handle. */
    @CommandHandlerInterceptor
    void requireAmendment(AmendmentCommand command) {
        if (!amendments.containsKey(command.amendmentId())) {
            throw RuleViolationException.notFound("No amendment " + command.amendmentId() + " in this consultation.");
        }
    }

    @CommandHandler
    int handle(AcceptAmendmentCommand command) {
        Amendment amendment = amendments.get(command.amendmentId());
        amendment.requireProposed("accepted");
        requireStatus("decide amendments", ConsultationStatus.OPEN, ConsultationStatus.CLOSED);
        if (text.find(amendment.provisionId()).isEmpty()) {
            throw RuleViolationException.conflict("The provision this amendment changes has been deleted; it cannot be accepted.");
        }
        boolean merged = command.text() != null && !command.text().isBlank();
        if (amendment.kind() == ChangeKind.DELETE && merged) {
            throw RuleViolationException.invalid("text", "A deletion takes no text");
        }
        if (isStale(amendment) && !merged && amendment.kind() != ChangeKind.DELETE) {
            throw RuleViolationException.conflict("The provision changed after version " + amendment.baseVersion()
                    + " on which this amendment is based; accept it with merged wording in text.");
        }
        if (amendment.kind() == ChangeKind.INSERT_AFTER && text.hasLabel(amendment.label())) {
            throw RuleViolationException.conflict("Label " + amendment.label() + " has been used since; reject or re-propose.");
        }
        if (amendment.kind() == ChangeKind.DELETE && text.provisions().size() == 1) {
            throw RuleViolationException.conflict("Accepting this deletion would leave the text without a provision; reject it, "
                    + "or revise the text first.");
        }
        TextChange change = new TextChange(amendment.kind(), amendment.provisionId(),
                amendment.kind() == ChangeKind.INSERT_AFTER ? command.newProvisionId() : null,
                amendment.label(), merged ? command.text() : amendment.text());
        AmendmentStatus decision = merged ? AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS : AmendmentStatus.ACCEPTED;
        apply(new AmendmentAcceptedEvent(consultationId, command.amendmentId(), decision, command.reason(), change,
                version + 1, command.by()));
        return version;
    }

    /**
     * Checks that a comment may be posted now on what it names, and answers the round it belongs to.
     * Called by the comment handler on a loaded consultation; changes nothing.
     */
    int roundForComment(String provisionId, String amendmentId) {
        requireOpenRound("comments");
        if (provisionId != null && text.find(provisionId).isEmpty()) {
            throw RuleViolationException.invalid("provisionId", "No provision " + provisionId + " in the current text");
        }
        if (amendmentId != null && !amendments.containsKey(amendmentId)) {
            throw RuleViolationException.invalid("amendmentId", "No amendment " + amendmentId + " in this consultation");
        }
        return round;
    }

    /**
     * The anchor of a comment on words of a provision of the current text, the words quoted as they read.
     * Only the current wording is known here, so the words must have been selected in a version whose
     * wording of the provision is the current one: from the version it last changed in to the current.
     * Called after {@link #roundForComment} has found the provision; changes nothing.
     */
    CommentAnchor anchorForComment(String provisionId, WordSelection selection) {
        Provision provision = text.find(provisionId).orElseThrow();
        if (selection.version() < 1 || selection.version() > version) {
            throw RuleViolationException.invalid("anchor.version", "must be between 1 and the current version " + version);
        }
        int changed = changedIn.getOrDefault(provisionId, version);
        if (selection.version() < changed) {
            throw RuleViolationException.conflict("Provision " + provision.label() + " has changed since version "
                    + selection.version() + " (last in version " + changed + "); select the words again in the current text, version "
                    + version + ".");
        }
        if (selection.start() < 0) {
            throw RuleViolationException.invalid("anchor.start", "must be at least 0");
        }
        if (selection.end() <= selection.start()) {
            throw RuleViolationException.invalid("anchor.end", "must be greater than anchor.start");
        }
        int words = Words.count(provision.text());
        if (selection.end() > words) {
            throw RuleViolationException.invalid("anchor.end", "must be at most " + words + ", the number of words of provision "
                    + provision.label() + " in version " + selection.version());
        }
        return new CommentAnchor(selection.version(), selection.start(), selection.end(),
                Words.quote(provision.text(), selection.start(), selection.end()));
    }

    @EventSourcingHandler
    void on(ConsultationCreatedEvent event) {
        consultationId = event.consultationId();
        status = event.status();
        version = event.version();
        text = new Text(event.provisions());
        event.provisions().forEach(p -> changedIn.put(p.provisionId(), version));
    }

    @EventSourcingHandler
    void on(RoundOpenedEvent event) {
        status = ConsultationStatus.OPEN;
        round = event.round();
        deadline = event.deadline();
    }

    @EventSourcingHandler
    void on(RoundClosedEvent event) {
        status = ConsultationStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(TextRevisedEvent event) {
        version = event.version();
        event.changes().forEach(this::applyChange);
    }

    @EventSourcingHandler
    void on(ConsultationAdoptedEvent event) {
        status = ConsultationStatus.ADOPTED;
    }

    @EventSourcingHandler
    void on(ConsultationEndorsedEvent event) {
        endorsers.add(event.organisation());
    }

    @EventSourcingHandler
    void on(AmendmentProposedEvent event) {
        amendments.put(event.amendmentId(), new Amendment(event));
    }

    /** The text changes here; the amendment's own status, in {@link Amendment}. */
    @EventSourcingHandler
    void on(AmendmentAcceptedEvent event) {
        version = event.version();
        applyChange(event.change());
    }

    private void applyChange(TextChange change) {
        text = text.apply(change);
        Text.recordChange(changedIn, change, version);
    }

    private Text checkedApply(Text current, TextChange change, String field) {
        if (change == null || change.kind() == null) {
            throw RuleViolationException.invalid(field + ".kind", "must be REPLACE, INSERT_AFTER or DELETE");
        }
        if (change.provisionId() == null || current.find(change.provisionId()).isEmpty()) {
            throw RuleViolationException.invalid(field + ".provisionId", "No provision " + change.provisionId() + " in the text");
        }
        boolean hasText = change.text() != null && !change.text().isBlank();
        switch (change.kind()) {
            case REPLACE -> {
                if (!hasText) {
                    throw RuleViolationException.invalid(field + ".text", "must not be blank");
                }
            }
            case INSERT_AFTER -> {
                if (!hasText) {
                    throw RuleViolationException.invalid(field + ".text", "must not be blank");
                }
                if (change.label() == null || change.label().isBlank() || current.hasLabel(change.label())) {
                    throw RuleViolationException.invalid(field + ".label", "needs a label not used in the text");
                }
            }
            case DELETE -> {
                if (current.provisions().size() == 1) {
                    throw RuleViolationException.invalid(field, "A text needs at least one provision");
                }
            }
        }
        return current.apply(change);
    }

    private void requireStatus(String action, ConsultationStatus... allowed) {
        if (!List.of(allowed).contains(status)) {
            throw RuleViolationException.conflict("Cannot " + action + " while the consultation is " + status + ".");
        }
    }

    private void requireOpenRound(String what) {
        if (status != ConsultationStatus.OPEN) {
            throw RuleViolationException.conflict("No comment round is open: " + what + " are not accepted while the consultation is "
                    + status + ".");
        }
        if (!now().isBefore(deadline)) {
            throw RuleViolationException.conflict("The deadline of round " + round + " passed at " + deadline
                    + ": no new " + what + " are accepted.");
        }
    }

    private boolean isStale(Amendment amendment) {
        return changedIn.getOrDefault(amendment.provisionId(), Integer.MAX_VALUE) > amendment.baseVersion();
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
