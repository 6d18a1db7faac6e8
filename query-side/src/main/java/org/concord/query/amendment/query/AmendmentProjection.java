package org.concord.query.amendment.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.bson.conversions.Bson;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentRejectedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.amendment.AmendmentSupportWithdrawnEvent;
import org.concord.messages.amendment.AmendmentSupportedEvent;
import org.concord.messages.amendment.AmendmentWithdrawnEvent;
import org.concord.messages.amendment.FindAmendmentQuery;
import org.concord.messages.amendment.FindAmendmentsQuery;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.CountAmendmentsByConsultationQuery;
import org.concord.messages.consultation.CountsByConsultation;
import org.concord.messages.consultation.FindConsultationQuery;
import org.concord.messages.participant.Actor;
import org.concord.query.consultation.query.ConsultationDetail;
import org.concord.query.consultation.query.ConsultationProjection;
import org.concord.query.shared.ActorDocuments;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The amendments read model: one document per amendment with its supporters and decision. Supports
 * are a set keyed by participant ($addToSet/$pull), decisions are sets, so every write is idempotent.
 * It runs in the consultations processing group so that one consultation's events stay in order.
 */
@Component
@ProcessingGroup(ConsultationProjection.PROCESSING_GROUP)
public class AmendmentProjection {

    private final ReadModelCollection amendments;
    private final ConsultationProjection consultations;

    public AmendmentProjection(ReadModels readModels, ConsultationProjection consultations) {
        this.amendments = readModels.collection("amendments");
        this.consultations = consultations;
    }

    @EventHandler
    void on(AmendmentProposedEvent event, @Timestamp Instant at) {
        Document amendment = new Document("_id", event.amendmentId())
                .append("consultationId", event.consultationId())
                .append("kind", event.kind().name())
                .append("provisionId", event.provisionId())
                .append("baseVersion", event.baseVersion())
                .append("text", event.text())
                .append("label", event.label())
                .append("justification", event.justification())
                .append("status", AmendmentStatus.PROPOSED.name())
                .append("round", event.round())
                .append("author", ActorDocuments.actor(event.author()))
                .append("supporters", List.of())
                .append("decision", null)
                .append("proposedAt", Date.from(at));
        amendments.writing().replaceOne(byId(event.amendmentId()), amendment, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(AmendmentSupportedEvent event) {
        amendments.writing().updateOne(byId(event.amendmentId()), Updates.addToSet("supporters", ActorDocuments.actor(event.supporter())));
    }

    @EventHandler
    void on(AmendmentSupportWithdrawnEvent event) {
        amendments.writing().updateOne(byId(event.amendmentId()),
                Updates.pull("supporters", new Document("participantId", event.supporter().participantId())));
    }

    @EventHandler
    void on(AmendmentWithdrawnEvent event) {
        amendments.writing().updateOne(byId(event.amendmentId()), Updates.set("status", AmendmentStatus.WITHDRAWN.name()));
    }

    @EventHandler
    void on(AmendmentAcceptedEvent event, @Timestamp Instant at) {
        decide(event.amendmentId(), event.status(), event.by(), event.reason(), at, event.version());
    }

    @EventHandler
    void on(AmendmentRejectedEvent event, @Timestamp Instant at) {
        decide(event.amendmentId(), AmendmentStatus.REJECTED, event.by(), event.reason(), at, null);
    }

    @ResetHandler
    void reset() {
        amendments.writing().drop();
    }

    @QueryHandler
    CountsByConsultation handle(CountAmendmentsByConsultationQuery query) {
        return new CountsByConsultation(amendments.countBy("consultationId"));
    }

    @QueryHandler
    List<AmendmentView> handle(FindAmendmentsQuery query) {
        Bson filter = Filters.eq("consultationId", query.consultationId());
        if (query.status() != null) {
            filter = Filters.and(filter, Filters.eq("status", query.status().name()));
        }
        Optional<ConsultationDetail> consultation = consultation(query.consultationId());
        List<AmendmentView> found = new ArrayList<>();
        for (Document amendment : amendments.reading().find(filter).sort(Sorts.ascending("proposedAt"))) {
            found.add(withStaleness(view(amendment), consultation));
        }
        return found;
    }

    @QueryHandler
    Optional<AmendmentView> handle(FindAmendmentQuery query) {
        Document amendment = amendments.reading().find(byId(query.amendmentId())).first();
        if (amendment == null || !query.consultationId().equals(amendment.getString("consultationId"))) {
            return Optional.empty();
        }
        return Optional.of(withStaleness(view(amendment), consultation(query.consultationId())));
    }

    private void decide(String amendmentId, AmendmentStatus status, Actor by, String reason, Instant at, Integer version) {
        amendments.writing().updateOne(byId(amendmentId), Updates.combine(
                Updates.set("status", status.name()),
                Updates.set("decision", new Document("by", by.participantId())
                        .append("organisation", by.organisation())
                        .append("reason", reason)
                        .append("at", Date.from(at))
                        .append("version", version))));
    }

    private Optional<ConsultationDetail> consultation(String consultationId) {
        return consultations.handle(new FindConsultationQuery(consultationId));
    }

    private static AmendmentView withStaleness(AmendmentView view, Optional<ConsultationDetail> consultation) {
        boolean stale = view.status() == AmendmentStatus.PROPOSED
                && consultation.map(c -> c.isStale(view.provisionId(), view.baseVersion())).orElse(false);
        return view.withStale(stale);
    }

    private static AmendmentView view(Document amendment) {
        List<Document> supporters = amendment.getList("supporters", Document.class);
        Map<String, Integer> byType = new TreeMap<>();
        supporters.forEach(s -> byType.merge(String.valueOf(s.getString("stakeholderType")), 1, Integer::sum));
        Document decision = amendment.get("decision", Document.class);
        return new AmendmentView(amendment.getString("_id"), ChangeKind.valueOf(amendment.getString("kind")),
                amendment.getString("provisionId"), amendment.getInteger("baseVersion"), amendment.getString("text"),
                amendment.getString("label"), amendment.getString("justification"),
                AmendmentStatus.valueOf(amendment.getString("status")), false, amendment.getInteger("round"),
                ActorDocuments.actor(amendment.get("author", Document.class)),
                new AmendmentView.Supporters(supporters.size(), byType),
                decision == null ? null : new AmendmentView.Decision(decision.getString("by"), decision.getString("reason"),
                        decision.getDate("at").toInstant(), decision.getInteger("version")),
                amendment.getDate("proposedAt").toInstant());
    }

    private static Bson byId(String amendmentId) {
        return Filters.eq("_id", amendmentId);
    }
}
