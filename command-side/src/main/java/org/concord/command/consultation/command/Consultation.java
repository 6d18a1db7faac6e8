package org.concord.command.consultation.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
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

import org.concord.messages.negotiation.AcceptCompromiseCommand;
import org.concord.messages.negotiation.AdReferendumAgreedEvent;
import org.concord.messages.negotiation.AdReferendumConfirmedEvent;
import org.concord.messages.negotiation.AdReferendumWithdrawnEvent;
import org.concord.messages.negotiation.AgreeAdReferendumCommand;
import org.concord.messages.negotiation.Alternative;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.BracketTextCommand;
import org.concord.messages.negotiation.BreakSilenceCommand;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.CompromiseProposedEvent;
import org.concord.messages.negotiation.CompromiseWithdrawnEvent;
import org.concord.messages.negotiation.ConfirmAdReferendumCommand;
import org.concord.messages.negotiation.ConsentToCompromiseCommand;
import org.concord.messages.negotiation.ObjectToCompromiseCommand;
import org.concord.messages.negotiation.ProposeCompromiseCommand;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.ResolveBracketCommand;
import org.concord.messages.negotiation.SetProvisionStatusCommand;
import org.concord.messages.negotiation.SilenceBrokenEvent;
import org.concord.messages.negotiation.SilenceProcedureCompletedEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.negotiation.StartSilenceProcedureCommand;
import org.concord.messages.negotiation.SupportAlternativeCommand;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.negotiation.WithdrawAdReferendumCommand;
import org.concord.messages.negotiation.WithdrawAlternativeSupportCommand;
import org.concord.messages.negotiation.WithdrawCompromiseCommand;
import org.concord.messages.participant.Actor;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One guideline text under negotiation: its lifecycle, its text and the amendments to it, with the
 * rules that keep them consistent. Comments live in their own aggregate, so that thousands of them
 * neither grow this one nor contend for it; amendments are its entities ({@link Amendment}) because
 * accepting one changes the text. The commands' structural checks (blank fields, empty lists) are the
 * requests' Bean Validation; the aggregate keeps the rules that depend on its state. The negotiation of
 * the wording (issue #20) lives here too, because each of its steps may change the text or forbid changing
 * it: provision statuses and ad referendum records ({@link ProvisionNegotiation}), brackets
 * ({@link Bracket}), the chair's compromises ({@link Compromise}) and the running silence procedure
 * ({@link SilenceProcedure}), whose deadline Axon's DeadlineManager keeps. Snapshots keep loading fast as
 * the history grows; their shape is {@link ConsultationSnapshots#REVISION}.
 */
@Aggregate(repository = "consultationRepository")
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
    /** The status and ad referendum records of each provision that has been negotiated; others are OPEN with none. */
    private Map<String, ProvisionNegotiation> negotiation = new HashMap<>();
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private Map<String, Bracket> brackets = new HashMap<>();
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private Map<String, Compromise> compromises = new HashMap<>();
    /** The running silence procedure, or null. */
    private SilenceProcedure silence;

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
        if (silence != null && silence.onWholeText()) {
            throw silence.refusal("open a round");
        }
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
        requireNoSilence("revise the text");
        if (command.baseVersion() != version) {
            throw RuleViolationException.conflict("The text has changed since version " + command.baseVersion()
                    + "; it is now at version " + version + ". Revise against the current version.");
        }
        Text revised = text;
        for (int i = 0; i < command.changes().size(); i++) {
            TextChange change = command.changes().get(i);
            revised = checkedApply(revised, change, "changes[" + i + "]");
            if (change.kind() != ChangeKind.INSERT_AFTER) {
                requireWordingMayChange(change.provisionId());
            }
        }
        apply(new TextRevisedEvent(consultationId, version + 1, command.baseVersion(), command.reason(),
                command.changes(), command.by()));
        return version;
    }

    @CommandHandler
    int handle(AdoptConsultationCommand command) {
        requireStatus("adopt it", ConsultationStatus.DRAFT, ConsultationStatus.PROPOSED, ConsultationStatus.CLOSED);
        requireNoSilence("adopt it");
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
        amendment.requireDecidable("accepted");
        requireStatus("decide amendments", ConsultationStatus.OPEN, ConsultationStatus.CLOSED);
        requireNoSilence("accept an amendment");
        if (text.find(amendment.provisionId()).isEmpty()) {
            throw RuleViolationException.conflict("The provision this amendment changes has been deleted; it cannot be accepted.");
        }
        if (amendment.kind() != ChangeKind.INSERT_AFTER) {
            requireWordingMayChange(amendment.provisionId());
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

    @CommandHandler
    void handle(SetProvisionStatusCommand command) {
        if (command.status() == ProvisionStatus.BRACKETED) {
            throw RuleViolationException.invalid("status", "A provision is BRACKETED by bracketing a passage of it: "
                    + "bracket a passage with POST .../provisions/{provisionId}/brackets");
        }
        Provision provision = provision(command.provisionId());
        requireNotAdopted("change a provision's status");
        requireNoSilence("change a provision's status");
        ProvisionStatus from = statusOf(provision.provisionId());
        if (from == command.status()) {
            throw RuleViolationException.conflict("Provision " + provision.label() + " is already " + from + ".");
        }
        if (from == ProvisionStatus.BRACKETED) {
            throw RuleViolationException.conflict("Provision " + provision.label() + " has unresolved brackets: resolve its brackets first.");
        }
        Set<String> pendingAdReferendum = negotiationOf(provision.provisionId()).pendingAdReferendum();
        if (command.status() == ProvisionStatus.AGREED && !pendingAdReferendum.isEmpty()) {
            throw RuleViolationException.conflict("Provision " + provision.label() + " cannot be AGREED while ad referendum agreements "
                    + "await confirmation: " + String.join(", ", pendingAdReferendum) + ".");
        }
        apply(new ProvisionStatusChangedEvent(consultationId, provision.provisionId(), from, command.status(), command.reason(),
                command.by()));
    }

    @CommandHandler
    List<String> handle(BracketTextCommand command) {
        Provision provision = provision(command.provisionId());
        requireNotAdopted("bracket text");
        requireNoSilence("bracket text");
        if (command.version() < 1 || command.version() > version) {
            throw RuleViolationException.invalid("version", "must be between 1 and the current version " + version);
        }
        if (command.version() != version) {
            throw RuleViolationException.conflict("The text is now at version " + version + "; select the words again in version "
                    + version + ".");
        }
        int words = Words.count(provision.text());
        if (command.start() < 0 || command.start() >= words) {
            throw RuleViolationException.invalid("start", "must be at least 0 and less than " + words
                    + ", the number of words of provision " + provision.label());
        }
        if (command.end() <= command.start() || command.end() > words) {
            throw RuleViolationException.invalid("end", "must be greater than start and at most " + words
                    + ", the number of words of provision " + provision.label());
        }
        List<Alternative> alternatives = command.alternatives() == null ? List.of() : command.alternatives();
        if (alternatives.size() == 1 || alternatives.size() > 5) {
            throw RuleViolationException.invalid("alternatives", "A bracket has no alternative or 2 to 5 of them");
        }
        for (int i = 0; i < alternatives.size(); i++) {
            if (alternatives.get(i).text() == null || alternatives.get(i).text().isBlank()) {
                throw RuleViolationException.invalid("alternatives[" + i + "].text", "must not be blank");
            }
        }
        brackets.values().stream()
                .filter(other -> other.standsIn(provision.provisionId()) && other.overlaps(command.start(), command.end()))
                .findFirst()
                .ifPresent(other -> {
                    throw RuleViolationException.conflict("Words [" + command.start() + ", " + command.end() + ") overlap bracket "
                            + other.bracketId() + " (words [" + other.start() + ", " + other.end() + ")) of provision "
                            + provision.label() + ".");
                });
        ProvisionStatus from = statusOf(provision.provisionId());
        apply(new TextBracketedEvent(consultationId, command.bracketId(), provision.provisionId(), version, command.start(),
                command.end(), Words.quote(provision.text(), command.start(), command.end()), alternatives, command.note(),
                command.by()));
        if (from != ProvisionStatus.BRACKETED) {
            apply(new ProvisionStatusChangedEvent(consultationId, provision.provisionId(), from, ProvisionStatus.BRACKETED,
                    "Passage bracketed", command.by()));
        }
        return alternatives.stream().map(Alternative::alternativeId).toList();
    }

    @CommandHandler
    void handle(SupportAlternativeCommand command) {
        bracket(command.bracketId()).support(command.alternativeId(), command.supporter());
    }

    @CommandHandler
    void handle(WithdrawAlternativeSupportCommand command) {
        bracket(command.bracketId()).withdrawSupport(command.alternativeId(), command.supporter());
    }

    @CommandHandler
    int handle(ResolveBracketCommand command) {
        Bracket bracket = bracket(command.bracketId());
        boolean kept = command.alternativeId() != null;
        boolean worded = command.text() != null && !command.text().isBlank();
        if (kept == worded) {
            throw RuleViolationException.invalid("alternativeId", "Give exactly one of alternativeId (the alternative kept) and text "
                    + "(a new wording)");
        }
        bracket.requireUnresolved("resolved");
        requireNotAdopted("resolve a bracket");
        requireNoSilence("resolve a bracket");
        String wording = kept ? bracket.wordingOf(command.alternativeId()) : command.text();
        Provision provision = text.find(bracket.provisionId()).orElseThrow();
        String reworded = Passages.reword(provision.text(), bracket.start(), bracket.end(), wording);
        apply(new BracketResolvedEvent(consultationId, bracket.bracketId(), provision.provisionId(), command.alternativeId(),
                wording, command.reason(), new TextChange(ChangeKind.REPLACE, provision.provisionId(), null, null, reworded),
                version + 1, command.by()));
        if (brackets.values().stream().noneMatch(other -> other.standsIn(provision.provisionId()))) {
            apply(new ProvisionStatusChangedEvent(consultationId, provision.provisionId(), ProvisionStatus.BRACKETED,
                    ProvisionStatus.OPEN, "Brackets resolved", command.by()));
        }
        return version;
    }

    @CommandHandler
    List<String> handle(ProposeCompromiseCommand command) {
        requireStatus("propose a compromise", ConsultationStatus.OPEN, ConsultationStatus.CLOSED);
        Provision provision = provision(command.provisionId());
        List<String> ids = command.amendmentIds() == null ? List.of() : command.amendmentIds();
        if (ids.size() < 2 || ids.size() > 20 || new HashSet<>(ids).size() != ids.size()) {
            throw RuleViolationException.invalid("amendmentIds", "A compromise merges 2 to 20 distinct amendments");
        }
        Set<String> parties = new LinkedHashSet<>();
        for (String amendmentId : ids) {
            Amendment amendment = amendments.get(amendmentId);
            if (amendment == null) {
                throw RuleViolationException.invalid("amendmentIds", "No amendment " + amendmentId + " in this consultation");
            }
            if (amendment.kind() != ChangeKind.REPLACE) {
                throw RuleViolationException.invalid("amendmentIds", "Amendment " + amendmentId + " is a " + amendment.kind()
                        + "; a compromise merges REPLACE amendments only");
            }
            if (!amendment.provisionId().equals(provision.provisionId())) {
                throw RuleViolationException.invalid("amendmentIds", "Amendment " + amendmentId + " is to another provision than "
                        + provision.label());
            }
            amendment.requireProposed("merged in a compromise");
            if (amendment.compromiseId() != null) {
                throw RuleViolationException.conflict("Amendment " + amendmentId + " is already merged in pending compromise "
                        + amendment.compromiseId() + ".");
            }
            parties.add(amendment.authorOrganisation());
        }
        if (command.deadline() == null || !command.deadline().isAfter(now())) {
            throw RuleViolationException.invalid("deadline", "must be in the future");
        }
        apply(new CompromiseProposedEvent(consultationId, command.compromiseId(), provision.provisionId(), command.text(), ids,
                List.copyOf(parties), command.deadline(), command.note(), command.by()));
        return List.copyOf(parties);
    }

    @CommandHandler
    void handle(ConsentToCompromiseCommand command) {
        compromise(command.compromiseId()).consent(command.by(), now());
    }

    @CommandHandler
    void handle(ObjectToCompromiseCommand command) {
        compromise(command.compromiseId()).object(command.by(), command.reason(), now());
    }

    @CommandHandler
    int handle(AcceptCompromiseCommand command) {
        Compromise compromise = compromise(command.compromiseId());
        compromise.requireAcceptable(now());
        requireStatus("accept a compromise", ConsultationStatus.OPEN, ConsultationStatus.CLOSED);
        requireNoSilence("accept a compromise");
        if (text.find(compromise.provisionId()).isEmpty()) {
            throw RuleViolationException.conflict("The provision this compromise rewords has been deleted; it cannot be accepted.");
        }
        requireWordingMayChange(compromise.provisionId());
        apply(new CompromiseAcceptedEvent(consultationId, compromise.compromiseId(), compromise.provisionId(),
                compromise.amendmentIds(), command.reason(),
                new TextChange(ChangeKind.REPLACE, compromise.provisionId(), null, null, compromise.text()), version + 1,
                command.by()));
        return version;
    }

    @CommandHandler
    void handle(WithdrawCompromiseCommand command) {
        compromise(command.compromiseId()).requirePending("withdrawn");
        apply(new CompromiseWithdrawnEvent(consultationId, command.compromiseId(), command.reason(), command.by()));
    }

    @CommandHandler
    void handle(AgreeAdReferendumCommand command) {
        Provision provision = provision(command.provisionId());
        requireDelegation(command.by());
        requireNotAdopted("agree ad referendum");
        ProvisionNegotiation provisionNegotiation = negotiationOf(provision.provisionId());
        if (provisionNegotiation.status() != ProvisionStatus.OPEN && provisionNegotiation.status() != ProvisionStatus.AGREED_AD_REF) {
            throw RuleViolationException.conflict("Provision " + provision.label() + " is " + provisionNegotiation.status()
                    + "; ad referendum agreement is to an OPEN or AGREED_AD_REF provision.");
        }
        String organisation = command.by().organisation();
        if (provisionNegotiation.pendingAdReferendum().contains(organisation)
                || provisionNegotiation.confirmedAdReferendum(organisation)) {
            throw RuleViolationException.conflict(organisation + " has already agreed to provision " + provision.label()
                    + " ad referendum.");
        }
        apply(new AdReferendumAgreedEvent(consultationId, provision.provisionId(), organisation, command.note(), command.by()));
    }

    @CommandHandler
    void handle(ConfirmAdReferendumCommand command) {
        requirePendingAdReferendum(command.provisionId(), command.by());
        apply(new AdReferendumConfirmedEvent(consultationId, command.provisionId(), command.by().organisation(), command.by()));
    }

    @CommandHandler
    void handle(WithdrawAdReferendumCommand command) {
        requirePendingAdReferendum(command.provisionId(), command.by());
        apply(new AdReferendumWithdrawnEvent(consultationId, command.provisionId(), command.by().organisation(), command.reason(),
                command.by()));
    }

    @CommandHandler
    Instant handle(StartSilenceProcedureCommand command, DeadlineManager deadlineManager) {
        if (command.breakableBy() == null || command.breakableBy().isEmpty() || command.breakableBy().size() > 5) {
            throw RuleViolationException.invalid("breakableBy", "1 to 5 stakeholder types may break silence");
        }
        try {
            ZoneId.of(command.timeZone());
        } catch (DateTimeException | NullPointerException unknown) {
            throw RuleViolationException.invalid("timeZone", "Not an IANA time zone id: " + command.timeZone());
        }
        if (command.deadline() == null || !command.deadline().isAfter(now())) {
            throw RuleViolationException.invalid("deadline", "must be in the future");
        }
        if (command.deadline().isAfter(now().plus(Duration.ofDays(366)))) {
            throw RuleViolationException.invalid("deadline", "must be at most 366 days ahead");
        }
        if (silence != null) {
            throw silence.refusal("start another silence procedure");
        }
        if (command.provisionId() == null) {
            requireReadyForSilence();
        } else {
            Provision provision = provision(command.provisionId());
            requireNotAdopted("start a silence procedure");
            ProvisionStatus status = statusOf(provision.provisionId());
            if (status == ProvisionStatus.BRACKETED || status == ProvisionStatus.AGREED) {
                throw RuleViolationException.conflict("Provision " + provision.label() + " is " + status
                        + "; silence is for an OPEN or AGREED_AD_REF provision.");
            }
        }
        apply(new SilenceProcedureStartedEvent(consultationId, command.procedureId(), command.provisionId(), version,
                command.deadline(), command.timeZone(), command.breakableBy(), command.by()));
        deadlineManager.schedule(command.deadline(), SilenceProcedure.DEADLINE, command.procedureId());
        return command.deadline();
    }

    @CommandHandler
    String handle(BreakSilenceCommand command, DeadlineManager deadlineManager) {
        if (silence == null) {
            throw RuleViolationException.conflict("No silence procedure is running.");
        }
        silence.requireBreakableBy(command.by());
        String procedureId = silence.procedureId();
        apply(new SilenceBrokenEvent(consultationId, procedureId, silence.provisionId(), command.reason(), command.by()));
        deadlineManager.cancelAllWithinScope(SilenceProcedure.DEADLINE);
        return procedureId;
    }

    /**
     * The silence procedure's deadline: if it is still the running procedure (not broken, not another one), it passed,
     * and the text is adopted or the provision agreed on behalf of the drafter who started it.
     */
    @DeadlineHandler(deadlineName = SilenceProcedure.DEADLINE)
    void silenceDeadline(String procedureId) {
        if (silence == null || !silence.procedureId().equals(procedureId)) {
            return;
        }
        SilenceProcedure passed = silence;
        apply(new SilenceProcedureCompletedEvent(consultationId, passed.procedureId(), passed.provisionId(), version));
        if (passed.onWholeText()) {
            apply(new ConsultationAdoptedEvent(consultationId, version, passed.startedBy()));
        } else if (text.find(passed.provisionId()).isPresent() && statusOf(passed.provisionId()) != ProvisionStatus.AGREED) {
            apply(new ProvisionStatusChangedEvent(consultationId, passed.provisionId(), statusOf(passed.provisionId()),
                    ProvisionStatus.AGREED, "Silence procedure " + passed.procedureId() + " passed", passed.startedBy()));
        }
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

    @EventSourcingHandler
    void on(ProvisionStatusChangedEvent event) {
        negotiation.computeIfAbsent(event.provisionId(), id -> new ProvisionNegotiation()).changeTo(event.to());
    }

    @EventSourcingHandler
    void on(TextBracketedEvent event) {
        brackets.put(event.bracketId(), new Bracket(event));
    }

    /** The passage reads the wording now: a new version, and the brackets after it in the provision move with the words. */
    @EventSourcingHandler
    void on(BracketResolvedEvent event) {
        Bracket resolved = brackets.get(event.bracketId());
        int before = Words.count(text.find(event.provisionId()).orElseThrow().text());
        version = event.version();
        applyChange(event.change());
        int shift = Words.count(event.change().text()) - before;
        resolved.resolve();
        brackets.values().stream().filter(other -> other.standsIn(event.provisionId()))
                .forEach(other -> other.shiftAfter(resolved.end(), shift));
    }

    @EventSourcingHandler
    void on(CompromiseProposedEvent event) {
        compromises.put(event.compromiseId(), new Compromise(event));
        event.amendmentIds().forEach(id -> amendments.get(id).mergeIn(event.compromiseId()));
    }

    @EventSourcingHandler
    void on(CompromiseAcceptedEvent event) {
        version = event.version();
        applyChange(event.change());
        compromises.get(event.compromiseId()).end(Compromise.Status.ACCEPTED);
        event.amendmentIds().forEach(id -> amendments.get(id).merged());
    }

    @EventSourcingHandler
    void on(CompromiseWithdrawnEvent event) {
        Compromise withdrawn = compromises.get(event.compromiseId());
        withdrawn.end(Compromise.Status.WITHDRAWN);
        withdrawn.amendmentIds().forEach(id -> amendments.get(id).mergeIn(null));
    }

    @EventSourcingHandler
    void on(AdReferendumAgreedEvent event) {
        negotiation.computeIfAbsent(event.provisionId(), id -> new ProvisionNegotiation()).agreeAdReferendum(event.organisation());
    }

    @EventSourcingHandler
    void on(AdReferendumConfirmedEvent event) {
        negotiation.get(event.provisionId()).confirmAdReferendum(event.organisation());
    }

    @EventSourcingHandler
    void on(AdReferendumWithdrawnEvent event) {
        negotiation.get(event.provisionId()).withdrawAdReferendum(event.organisation());
    }

    @EventSourcingHandler
    void on(SilenceProcedureStartedEvent event) {
        silence = SilenceProcedure.of(event);
    }

    @EventSourcingHandler
    void on(SilenceBrokenEvent event) {
        silence = null;
    }

    @EventSourcingHandler
    void on(SilenceProcedureCompletedEvent event) {
        silence = null;
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

    private Provision provision(String provisionId) {
        return text.find(provisionId).orElseThrow(() -> RuleViolationException.notFound("No provision " + provisionId
                + " in the current text."));
    }

    private Bracket bracket(String bracketId) {
        Bracket bracket = brackets.get(bracketId);
        if (bracket == null) {
            throw RuleViolationException.notFound("No bracket " + bracketId + " in this consultation.");
        }
        return bracket;
    }

    private Compromise compromise(String compromiseId) {
        Compromise compromise = compromises.get(compromiseId);
        if (compromise == null) {
            throw RuleViolationException.notFound("No compromise " + compromiseId + " in this consultation.");
        }
        return compromise;
    }

    private ProvisionNegotiation negotiationOf(String provisionId) {
        return negotiation.getOrDefault(provisionId, new ProvisionNegotiation());
    }

    private ProvisionStatus statusOf(String provisionId) {
        return negotiationOf(provisionId).status();
    }

    /** A bracketed or agreed provision keeps its words until a drafter reopens it (or its brackets are resolved). */
    private void requireWordingMayChange(String provisionId) {
        ProvisionStatus status = statusOf(provisionId);
        if (status != ProvisionStatus.OPEN) {
            String label = text.find(provisionId).map(Provision::label).orElse(provisionId);
            throw RuleViolationException.conflict("Provision " + label + " is " + status + "; "
                    + (status == ProvisionStatus.BRACKETED ? "resolve its brackets first." : "a drafter reopens it (status OPEN) first."));
        }
    }

    private void requireNoSilence(String action) {
        if (silence != null) {
            throw silence.refusal(action);
        }
    }

    private void requireNotAdopted(String action) {
        if (status == ConsultationStatus.ADOPTED) {
            throw RuleViolationException.conflict("Cannot " + action + ": the consultation is ADOPTED.");
        }
    }

    /** The whole text goes under silence only when it could be adopted now: nothing left pending in it. */
    private void requireReadyForSilence() {
        requireStatus("start a silence procedure on the text", ConsultationStatus.DRAFT, ConsultationStatus.PROPOSED,
                ConsultationStatus.CLOSED);
        List<String> proposed = amendments.entrySet().stream().filter(entry -> entry.getValue().pending()).map(Map.Entry::getKey)
                .sorted().toList();
        if (!proposed.isEmpty()) {
            throw RuleViolationException.conflict("Amendment(s) " + String.join(", ", proposed) + " are still PROPOSED; decide them "
                    + "before putting the text under silence.");
        }
        List<String> standing = brackets.values().stream().filter(bracket -> !bracket.resolved()).map(Bracket::bracketId).sorted()
                .toList();
        if (!standing.isEmpty()) {
            throw RuleViolationException.conflict("Bracket(s) " + String.join(", ", standing) + " are unresolved; resolve them before "
                    + "putting the text under silence.");
        }
        List<String> pending = compromises.values().stream().filter(Compromise::pending).map(Compromise::compromiseId).sorted()
                .toList();
        if (!pending.isEmpty()) {
            throw RuleViolationException.conflict("Compromise(s) " + String.join(", ", pending) + " are pending; accept or withdraw "
                    + "them before putting the text under silence.");
        }
    }

    /** A delegation agrees ad referendum: a participant speaking for an organisation of a stakeholder type. */
    private static void requireDelegation(Actor by) {
        if (by.stakeholderType() == null) {
            throw RuleViolationException.notAllowed("Only a delegation (a participant with a stakeholder type) agrees ad referendum.");
        }
    }

    private void requirePendingAdReferendum(String provisionId, Actor by) {
        Provision provision = provision(provisionId);
        if (!negotiationOf(provisionId).pendingAdReferendum().contains(by.organisation())) {
            throw RuleViolationException.conflict(by.organisation() + " has no pending ad referendum agreement to provision "
                    + provision.label() + ".");
        }
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
