package org.concord.query.consultation.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.bson.conversions.Bson;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.consultation.ConsultationAdoptedEvent;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationEndorsedEvent;
import org.concord.messages.consultation.ConsultationEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.FindConsultationQuery;
import org.concord.messages.consultation.FindConsultationsQuery;
import org.concord.messages.consultation.FindEndorsementsQuery;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Text;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.consultation.Provision;
import org.concord.messages.negotiation.AdReferendumAgreedEvent;
import org.concord.messages.negotiation.AdReferendumConfirmedEvent;
import org.concord.messages.negotiation.AdReferendumWithdrawnEvent;
import org.concord.messages.negotiation.AlternativeSupportWithdrawnEvent;
import org.concord.messages.negotiation.AlternativeSupportedEvent;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.ProvisionStatus;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.SilenceBrokenEvent;
import org.concord.messages.negotiation.SilenceProcedureCompletedEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.query.negotiation.query.NegotiationText;
import org.concord.query.negotiation.query.StoredSilence;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The consultations read model: one document per consultation with its current text, round, the
 * version each provision last changed in (which makes amendments stale), where the negotiation of each
 * provision stands (status, brackets, ad referendum) and its latest silence procedure; and its endorsements.
 * Every write is idempotent (a replace, a set, a maximum, an addition skipped when present, or a text change
 * skipped when already applied), so an event delivered again after a crash changes nothing.
 * <p>
 * {@code position} is the global position of the latest event of the consultation (its amendments' and
 * comments' included) applied to its document: a change feed opened after it sends what came later.
 */
@Component
@ProcessingGroup(ConsultationProjection.PROCESSING_GROUP)
public class ConsultationProjection {

    public static final String PROCESSING_GROUP = "consultations";

    private static final String ID = "_id";

    private final ReadModelCollection consultations;
    private final ReadModelCollection endorsements;

    public ConsultationProjection(ReadModels readModels) {
        this.consultations = readModels.collection("consultations");
        this.endorsements = readModels.collection("endorsements");
    }

    @EventHandler
    void on(ConsultationCreatedEvent event, @Timestamp Instant at, TrackingToken token) {
        StoredConsultation existing = consultations.writing(StoredConsultation.class).find(byId(event.consultationId())).first();
        long position = Math.max(position(token), existing == null || existing.position() == null ? 0 : existing.position());
        Map<String, Integer> changedIn = new HashMap<>();
        event.provisions().forEach(p -> changedIn.put(p.provisionId(), event.version()));
        StoredConsultation consultation = new StoredConsultation(event.consultationId(), event.title(), event.summary(),
                event.status(), event.visibility(), event.version(), null, event.proposer(), event.provisions(), changedIn, at, position,
                null, null);
        consultations.writing(StoredConsultation.class).replaceOne(byId(event.consultationId()), consultation,
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(RoundOpenedEvent event, TrackingToken token) {
        consultations.writing().updateOne(byId(event.consultationId()), Updates.combine(reached(token),
                Updates.set(StoredConsultation.STATUS, ConsultationStatus.OPEN),
                Updates.set(StoredConsultation.ROUND, new StoredConsultation.Round(event.round(), event.deadline(), "OPEN"))));
    }

    @EventHandler
    void on(RoundClosedEvent event, TrackingToken token) {
        consultations.writing().updateOne(byId(event.consultationId()), Updates.combine(reached(token),
                Updates.set(StoredConsultation.STATUS, ConsultationStatus.CLOSED),
                Updates.set(StoredConsultation.Round.ROUND_STATUS, "CLOSED")));
    }

    @EventHandler
    void on(TextRevisedEvent event, TrackingToken token) {
        applyChanges(event.consultationId(), event.version(), event.changes(), (states, before, after) -> states);
        reach(event, token);
    }

    @EventHandler
    void on(AmendmentAcceptedEvent event, TrackingToken token) {
        applyChanges(event.consultationId(), event.version(), List.of(event.change()), (states, before, after) -> states);
        reach(event, token);
    }

    @EventHandler
    void on(CompromiseAcceptedEvent event, TrackingToken token) {
        applyChanges(event.consultationId(), event.version(), List.of(event.change()), (states, before, after) -> states);
        reach(event, token);
    }

    /**
     * The resolved bracket goes, and the brackets after it in the same provision move by as many words as
     * the passage gained or lost: done with the text change, once (guarded by the version it makes).
     */
    @EventHandler
    void on(BracketResolvedEvent event, TrackingToken token) {
        applyChanges(event.consultationId(), event.version(), List.of(event.change()), (states, before, after) -> {
            String was = before.find(event.provisionId()).map(Provision::text).orElse("");
            String now = after.find(event.provisionId()).map(Provision::text).orElse("");
            int shift = NegotiationText.shift(was, now);
            return changed(states, event.provisionId(), state -> {
                StoredNegotiation.Bracket resolved = state.brackets().stream()
                        .filter(bracket -> bracket.bracketId().equals(event.bracketId())).findFirst().orElse(null);
                List<StoredNegotiation.Bracket> kept = new ArrayList<>();
                for (StoredNegotiation.Bracket bracket : state.brackets()) {
                    if (bracket.bracketId().equals(event.bracketId())) {
                        continue;
                    }
                    boolean follows = resolved != null && bracket.start() >= resolved.end();
                    kept.add(follows ? new StoredNegotiation.Bracket(bracket.bracketId(), bracket.start() + shift, bracket.end() + shift,
                            bracket.words(), bracket.note(), bracket.alternatives()) : bracket);
                }
                return new StoredNegotiation.ProvisionState(state.provisionId(), state.status(), kept, state.pending(), state.confirmed());
            });
        });
        reach(event, token);
    }

    /** A provision reopened (OPEN) loses its ad referendum records: they agreed to what is now reopened. */
    @EventHandler
    void on(ProvisionStatusChangedEvent event, TrackingToken token) {
        negotiate(event.consultationId(), event.provisionId(), state -> new StoredNegotiation.ProvisionState(state.provisionId(),
                event.to(), state.brackets(),
                event.to() == ProvisionStatus.OPEN ? List.of() : state.pending(),
                event.to() == ProvisionStatus.OPEN ? List.of() : state.confirmed()));
        reach(event, token);
    }

    /**
     * A bracket is added while its version is current: a bracketing handled again once a later version was made
     * was either resolved since (and must stay gone) or is there already.
     */
    @EventHandler
    void on(TextBracketedEvent event, TrackingToken token) {
        StoredConsultation consultation = consultations.writing(StoredConsultation.class).find(byId(event.consultationId())).first();
        if (consultation == null || consultation.version() != event.version()) {
            reach(event, token);
            return;
        }
        negotiate(event.consultationId(), event.provisionId(), state -> {
            if (state.brackets().stream().anyMatch(bracket -> bracket.bracketId().equals(event.bracketId()))) {
                return state;
            }
            List<StoredNegotiation.Bracket> brackets = new ArrayList<>(state.brackets());
            brackets.add(new StoredNegotiation.Bracket(event.bracketId(), event.start(), event.end(), event.words(), event.note(),
                    event.alternatives().stream().map(StoredNegotiation.StoredAlternative::of).toList()));
            brackets.sort(Comparator.comparingInt(StoredNegotiation.Bracket::start));
            return new StoredNegotiation.ProvisionState(state.provisionId(), state.status(), brackets, state.pending(), state.confirmed());
        });
        reach(event, token);
    }

    @EventHandler
    void on(AlternativeSupportedEvent event, TrackingToken token) {
        supporters(event.consultationId(), event.bracketId(), event.alternativeId(), supporters -> {
            List<Actor> supporting = new ArrayList<>(supporters);
            supporting.removeIf(s -> s.participantId().equals(event.supporter().participantId()));
            supporting.add(event.supporter());
            return supporting;
        });
        reach(event, token);
    }

    @EventHandler
    void on(AlternativeSupportWithdrawnEvent event, TrackingToken token) {
        supporters(event.consultationId(), event.bracketId(), event.alternativeId(), supporters -> supporters.stream()
                .filter(s -> !s.participantId().equals(event.supporter().participantId())).toList());
        reach(event, token);
    }

    @EventHandler
    void on(AdReferendumAgreedEvent event, @Timestamp Instant at, TrackingToken token) {
        negotiate(event.consultationId(), event.provisionId(), state -> new StoredNegotiation.ProvisionState(state.provisionId(),
                state.status(), state.brackets(), with(state.pending(), event.organisation(), at), state.confirmed()));
        reach(event, token);
    }

    @EventHandler
    void on(AdReferendumConfirmedEvent event, @Timestamp Instant at, TrackingToken token) {
        negotiate(event.consultationId(), event.provisionId(), state -> new StoredNegotiation.ProvisionState(state.provisionId(),
                state.status(), state.brackets(), without(state.pending(), event.organisation()),
                with(state.confirmed(), event.organisation(), at)));
        reach(event, token);
    }

    @EventHandler
    void on(AdReferendumWithdrawnEvent event, TrackingToken token) {
        negotiate(event.consultationId(), event.provisionId(), state -> new StoredNegotiation.ProvisionState(state.provisionId(),
                state.status(), state.brackets(), without(state.pending(), event.organisation()), state.confirmed()));
        reach(event, token);
    }

    @EventHandler
    void on(SilenceProcedureStartedEvent event, @Timestamp Instant at, TrackingToken token) {
        consultations.writing().updateOne(byId(event.consultationId()), Updates.combine(reached(token),
                Updates.set(StoredConsultation.SILENCE, StoredSilence.started(event, at))));
    }

    @EventHandler
    void on(SilenceBrokenEvent event, @Timestamp Instant at, TrackingToken token) {
        silence(event.consultationId(), event.procedureId(), silence -> silence.broken(event, at));
        reach(event, token);
    }

    @EventHandler
    void on(SilenceProcedureCompletedEvent event, @Timestamp Instant at, TrackingToken token) {
        silence(event.consultationId(), event.procedureId(), silence -> silence.completed(at));
        reach(event, token);
    }

    @EventHandler
    void on(ConsultationAdoptedEvent event, TrackingToken token) {
        consultations.writing().updateOne(byId(event.consultationId()),
                Updates.combine(reached(token), Updates.set(StoredConsultation.STATUS, ConsultationStatus.ADOPTED)));
    }

    /** Every other event of a consultation (amendments proposed, supported, withdrawn, rejected; comments) moves its position only. */
    @EventHandler
    void on(ConsultationEvent event, TrackingToken token) {
        reach(event, token);
    }

    @EventHandler
    void on(ConsultationEndorsedEvent event, @Timestamp Instant at, TrackingToken token) {
        reach(event, token);
        String id = event.consultationId() + "/" + event.organisation();
        StoredEndorsement endorsement = new StoredEndorsement(id, event.consultationId(), event.organisation(),
                event.stakeholderType(), event.country(), at);
        endorsements.writing(StoredEndorsement.class).replaceOne(Filters.eq(ID, id), endorsement, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        consultations.writing().drop();
        endorsements.writing().drop();
    }

    @QueryHandler
    List<ConsultationSummary> handle(FindConsultationsQuery query) {
        Bson filter = query.includeRestricted() ? Filters.empty() : Filters.eq(StoredConsultation.VISIBILITY, Visibility.PUBLIC);
        List<ConsultationSummary> found = new ArrayList<>();
        consultations.reading(StoredConsultation.class).find(filter).sort(Sorts.descending(StoredConsultation.CREATED_AT))
                .forEach(consultation -> found.add(consultation.toSummary()));
        return found;
    }

    @QueryHandler
    public Optional<ConsultationDetail> handle(FindConsultationQuery query) {
        return Optional.ofNullable(consultations.reading(StoredConsultation.class).find(byId(query.consultationId())).first())
                .map(StoredConsultation::toDetail);
    }

    @QueryHandler
    List<EndorsementView> handle(FindEndorsementsQuery query) {
        List<EndorsementView> found = new ArrayList<>();
        endorsements.reading(StoredEndorsement.class).find(Filters.eq(StoredEndorsement.CONSULTATION_ID, query.consultationId()))
                .sort(Sorts.ascending(StoredEndorsement.ENDORSED_AT)).forEach(endorsement -> found.add(endorsement.view()));
        return found;
    }

    /** How a new version changes the negotiation state of the provisions (beyond leaving deleted ones out). */
    private interface Renegotiation {
        List<StoredNegotiation.ProvisionState> apply(List<StoredNegotiation.ProvisionState> states, Text before, Text after);
    }

    private void applyChanges(String consultationId, int version, List<TextChange> changes, Renegotiation renegotiation) {
        StoredConsultation consultation = consultations.writing(StoredConsultation.class).find(byId(consultationId)).first();
        if (consultation == null || consultation.version() >= version) {
            return;
        }
        Text before = new Text(consultation.provisions());
        Text text = before;
        Map<String, Integer> changedIn = new HashMap<>(consultation.changedIn());
        for (TextChange change : changes) {
            text = text.apply(change);
            Text.recordChange(changedIn, change, version);
        }
        Text after = text;
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set(StoredConsultation.VERSION, version),
                Updates.set(StoredConsultation.PROVISIONS, text.provisions()),
                Updates.set(StoredConsultation.CHANGED_IN, changedIn)));
        if (consultation.negotiation() != null) {
            List<StoredNegotiation.ProvisionState> states = renegotiation.apply(consultation.negotiation(), before, after).stream()
                    .filter(state -> after.find(state.provisionId()).isPresent()).toList();
            updates.add(Updates.set(StoredConsultation.NEGOTIATION, states));
        }
        consultations.writing().updateOne(byId(consultationId), Updates.combine(updates));
    }

    /** Changes one provision's negotiation state: read, changed, written back (an entry only while it is not plainly OPEN). */
    private void negotiate(String consultationId, String provisionId, UnaryOperator<StoredNegotiation.ProvisionState> change) {
        StoredConsultation consultation = consultations.writing(StoredConsultation.class).find(byId(consultationId)).first();
        if (consultation == null) {
            return;
        }
        List<StoredNegotiation.ProvisionState> states = consultation.negotiation() == null ? List.of() : consultation.negotiation();
        consultations.writing().updateOne(byId(consultationId), Updates.set(StoredConsultation.NEGOTIATION, changed(states, provisionId, change)));
    }

    private static List<StoredNegotiation.ProvisionState> changed(List<StoredNegotiation.ProvisionState> states, String provisionId,
                                                                  UnaryOperator<StoredNegotiation.ProvisionState> change) {
        List<StoredNegotiation.ProvisionState> changed = new ArrayList<>();
        boolean found = false;
        for (StoredNegotiation.ProvisionState state : states) {
            if (state.provisionId().equals(provisionId)) {
                found = true;
                state = change.apply(state);
            }
            if (!state.plainlyOpen()) {
                changed.add(state);
            }
        }
        if (!found) {
            StoredNegotiation.ProvisionState state = change.apply(StoredNegotiation.ProvisionState.open(provisionId));
            if (!state.plainlyOpen()) {
                changed.add(state);
            }
        }
        return changed;
    }

    /** Changes the supporters of one alternative of a bracket, wherever in the consultation the bracket is. */
    private void supporters(String consultationId, String bracketId, String alternativeId, UnaryOperator<List<Actor>> change) {
        StoredConsultation consultation = consultations.writing(StoredConsultation.class).find(byId(consultationId)).first();
        if (consultation == null || consultation.negotiation() == null) {
            return;
        }
        consultation.negotiation().stream()
                .filter(state -> state.brackets().stream().anyMatch(bracket -> bracket.bracketId().equals(bracketId)))
                .findFirst()
                .ifPresent(holder -> negotiate(consultationId, holder.provisionId(), state -> new StoredNegotiation.ProvisionState(
                        state.provisionId(), state.status(), state.brackets().stream()
                        .map(bracket -> !bracket.bracketId().equals(bracketId) ? bracket : new StoredNegotiation.Bracket(bracket.bracketId(),
                                bracket.start(), bracket.end(), bracket.words(), bracket.note(), bracket.alternatives().stream()
                                .map(alternative -> !alternative.alternativeId().equals(alternativeId) ? alternative
                                        : new StoredNegotiation.StoredAlternative(alternative.alternativeId(), alternative.text(),
                                        alternative.sponsors(), change.apply(alternative.supporters())))
                                .toList()))
                        .toList(), state.pending(), state.confirmed())));
    }

    /** Changes the consultation's latest silence procedure, if it is this one. */
    private void silence(String consultationId, String procedureId, UnaryOperator<StoredSilence> change) {
        StoredConsultation consultation = consultations.writing(StoredConsultation.class).find(byId(consultationId)).first();
        if (consultation == null || consultation.silence() == null || !consultation.silence().procedureId().equals(procedureId)) {
            return;
        }
        consultations.writing().updateOne(byId(consultationId), Updates.set(StoredConsultation.SILENCE, change.apply(consultation.silence())));
    }

    private static List<StoredNegotiation.AdReferendum> with(List<StoredNegotiation.AdReferendum> records, String organisation, Instant at) {
        if (records.stream().anyMatch(record -> record.organisation().equals(organisation))) {
            return records;
        }
        List<StoredNegotiation.AdReferendum> added = new ArrayList<>(records);
        added.add(new StoredNegotiation.AdReferendum(organisation, at));
        return added;
    }

    private static List<StoredNegotiation.AdReferendum> without(List<StoredNegotiation.AdReferendum> records, String organisation) {
        return records.stream().filter(record -> !record.organisation().equals(organisation)).toList();
    }

    /** Moves the consultation's position up to the event's (never down: comments are handled beside its own events). */
    private void reach(ConsultationEvent event, TrackingToken token) {
        consultations.writing().updateOne(byId(event.consultationId()), reached(token));
    }

    private static Bson reached(TrackingToken token) {
        return Updates.max(StoredConsultation.POSITION, position(token));
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("A tracked event without a position"));
    }

    private static Bson byId(String consultationId) {
        return Filters.eq(ID, consultationId);
    }
}
