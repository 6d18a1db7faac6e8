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
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The consultations read model: one document per consultation with its current text, round and the
 * version each provision last changed in (which makes amendments stale), and its endorsements.
 * Every write is idempotent (a replace, a set, a maximum, or a text change skipped when already applied),
 * so an event delivered again after a crash changes nothing.
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
                event.status(), event.visibility(), event.version(), null, event.proposer(), event.provisions(), changedIn, at, position);
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
        applyChanges(event.consultationId(), event.version(), event.changes());
        reach(event, token);
    }

    @EventHandler
    void on(AmendmentAcceptedEvent event, TrackingToken token) {
        applyChanges(event.consultationId(), event.version(), List.of(event.change()));
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

    private void applyChanges(String consultationId, int version, List<TextChange> changes) {
        StoredConsultation consultation = consultations.writing(StoredConsultation.class).find(byId(consultationId)).first();
        if (consultation == null || consultation.version() >= version) {
            return;
        }
        Text text = new Text(consultation.provisions());
        Map<String, Integer> changedIn = new HashMap<>(consultation.changedIn());
        for (TextChange change : changes) {
            text = text.apply(change);
            Text.recordChange(changedIn, change, version);
        }
        consultations.writing().updateOne(byId(consultationId), Updates.combine(
                Updates.set(StoredConsultation.VERSION, version),
                Updates.set(StoredConsultation.PROVISIONS, text.provisions()),
                Updates.set(StoredConsultation.CHANGED_IN, changedIn)));
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
