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
import org.bson.Document;
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
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.RoundClosedEvent;
import org.concord.messages.consultation.RoundOpenedEvent;
import org.concord.messages.consultation.Text;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.concord.query.shared.ActorDocuments;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
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

    private final ReadModelCollection consultations;
    private final ReadModelCollection endorsements;

    public ConsultationProjection(ReadModels readModels) {
        this.consultations = readModels.collection("consultations");
        this.endorsements = readModels.collection("endorsements");
    }

    @EventHandler
    void on(ConsultationCreatedEvent event, @Timestamp Instant at, TrackingToken token) {
        Document existing = consultations.writing().find(byId(event.consultationId())).first();
        long position = Math.max(position(token), existing == null ? 0 : existing.get("position", 0L));
        Map<String, Object> changedIn = new HashMap<>();
        event.provisions().forEach(p -> changedIn.put(p.provisionId(), event.version()));
        Document document = new Document("_id", event.consultationId())
                .append("title", event.title())
                .append("summary", event.summary())
                .append("status", event.status().name())
                .append("visibility", event.visibility().name())
                .append("version", event.version())
                .append("round", null)
                .append("proposer", ActorDocuments.actor(event.proposer()))
                .append("provisions", event.provisions().stream().map(ConsultationProjection::provisionDocument).toList())
                .append("changedIn", new Document(changedIn))
                .append("createdAt", Date.from(at))
                .append("position", position);
        consultations.writing().replaceOne(byId(event.consultationId()), document, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(RoundOpenedEvent event, TrackingToken token) {
        consultations.writing().updateOne(byId(event.consultationId()), Updates.combine(reached(token),
                Updates.set("status", ConsultationStatus.OPEN.name()),
                Updates.set("round", new Document("number", event.round())
                        .append("deadline", Date.from(event.deadline()))
                        .append("status", "OPEN"))));
    }

    @EventHandler
    void on(RoundClosedEvent event, TrackingToken token) {
        consultations.writing().updateOne(byId(event.consultationId()), Updates.combine(reached(token),
                Updates.set("status", ConsultationStatus.CLOSED.name()),
                Updates.set("round.status", "CLOSED")));
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
                Updates.combine(reached(token), Updates.set("status", ConsultationStatus.ADOPTED.name())));
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
        Document endorsement = new Document("_id", id)
                .append("consultationId", event.consultationId())
                .append("organisation", event.organisation())
                .append("stakeholderType", event.stakeholderType() == null ? null : event.stakeholderType().name())
                .append("country", event.country())
                .append("endorsedAt", Date.from(at));
        endorsements.writing().replaceOne(Filters.eq("_id", id), endorsement, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        consultations.writing().drop();
        endorsements.writing().drop();
    }

    @QueryHandler
    List<ConsultationSummary> handle(FindConsultationsQuery query) {
        List<ConsultationSummary> found = new ArrayList<>();
        Bson filter = query.includeRestricted() ? new Document() : Filters.eq("visibility", Visibility.PUBLIC.name());
        for (Document document : consultations.reading().find(filter).sort(Sorts.descending("createdAt"))) {
            Document round = document.get("round", Document.class);
            found.add(new ConsultationSummary(document.getString("_id"), document.getString("title"),
                    ConsultationStatus.valueOf(document.getString("status")),
                    Visibility.valueOf(document.getString("visibility")), document.getInteger("version"),
                    round == null ? 0 : round.getInteger("number"), round == null ? null : round.getDate("deadline").toInstant(),
                    ActorDocuments.actor(document.get("proposer", Document.class)), 0, 0));
        }
        return found;
    }

    @QueryHandler
    public Optional<ConsultationDetail> handle(FindConsultationQuery query) {
        Document document = consultations.reading().find(byId(query.consultationId())).first();
        if (document == null) {
            return Optional.empty();
        }
        Document changedIn = document.get("changedIn", Document.class);
        return Optional.of(new ConsultationDetail(document.getString("_id"), document.getString("title"),
                document.getString("summary"), ConsultationStatus.valueOf(document.getString("status")),
                Visibility.valueOf(document.getString("visibility")), document.getInteger("version"),
                ActorDocuments.actor(document.get("proposer", Document.class)), round(document.get("round", Document.class)),
                provisions(document), document.getDate("createdAt").toInstant(),
                document.get("position") instanceof Number position ? position.longValue() : null,
                changedIn == null ? Map.of() : toIntegers(changedIn)));
    }

    @QueryHandler
    List<EndorsementView> handle(FindEndorsementsQuery query) {
        List<EndorsementView> found = new ArrayList<>();
        for (Document e : endorsements.reading().find(Filters.eq("consultationId", query.consultationId())).sort(Sorts.ascending("endorsedAt"))) {
            String type = e.getString("stakeholderType");
            found.add(new EndorsementView(e.getString("organisation"), type == null ? null : StakeholderType.valueOf(type),
                    e.getString("country"), e.getDate("endorsedAt").toInstant()));
        }
        return found;
    }

    private void applyChanges(String consultationId, int version, List<TextChange> changes) {
        Document document = consultations.writing().find(byId(consultationId)).first();
        if (document == null || document.getInteger("version") >= version) {
            return;
        }
        Text text = new Text(provisions(document));
        Document changedIn = document.get("changedIn", Document.class);
        for (TextChange change : changes) {
            text = text.apply(change);
            Text.recordChange(changedIn, change, version);
        }
        consultations.writing().updateOne(byId(consultationId), Updates.combine(
                Updates.set("version", version),
                Updates.set("provisions", text.provisions().stream().map(ConsultationProjection::provisionDocument).toList()),
                Updates.set("changedIn", changedIn)));
    }

    /** Moves the consultation's position up to the event's (never down: comments are handled beside its own events). */
    private void reach(ConsultationEvent event, TrackingToken token) {
        consultations.writing().updateOne(byId(event.consultationId()), reached(token));
    }

    private static Bson reached(TrackingToken token) {
        return Updates.max("position", position(token));
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow(() -> new IllegalStateException("A tracked event without a position"));
    }

    private static Bson byId(String consultationId) {
        return Filters.eq("_id", consultationId);
    }

    private static List<Provision> provisions(Document consultation) {
        return consultation.getList("provisions", Document.class).stream()
                .map(p -> new Provision(p.getString("provisionId"), p.getString("label"), p.getString("text")))
                .toList();
    }

    private static Map<String, Integer> toIntegers(Document changedIn) {
        Map<String, Integer> versions = new HashMap<>();
        changedIn.forEach((id, v) -> versions.put(id, ((Number) v).intValue()));
        return versions;
    }

    private static ConsultationDetail.Round round(Document round) {
        if (round == null) {
            return null;
        }
        Date deadline = round.getDate("deadline");
        return new ConsultationDetail.Round(round.getInteger("number"),
                deadline == null ? null : deadline.toInstant(), round.getString("status"));
    }

    private static Document provisionDocument(Provision provision) {
        return new Document("provisionId", provision.provisionId())
                .append("label", provision.label())
                .append("text", provision.text());
    }

}
