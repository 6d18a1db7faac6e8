package org.concord.query.consultation.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.ConsultationStatus;
import org.concord.messages.consultation.FindConsultationQuery;
import org.concord.messages.consultation.FindConsultationsQuery;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Visibility;
import org.concord.messages.participant.Actor;
import org.concord.messages.participant.StakeholderType;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The consultations read model: one document per consultation with its current text. Every write is
 * an idempotent replace keyed by the consultation id, so an event applied twice after a crash changes
 * nothing.
 */
@Component
@ProcessingGroup(ConsultationProjection.PROCESSING_GROUP)
public class ConsultationProjection {

    public static final String PROCESSING_GROUP = "consultations";
    private static final String COLLECTION = "consultations";

    private final MongoCollection<Document> consultations;

    public ConsultationProjection(MongoDatabase concordDatabase) {
        this.consultations = concordDatabase.getCollection(COLLECTION);
    }

    @EventHandler
    void on(ConsultationCreatedEvent event, @Timestamp Instant at) {
        Document document = new Document("_id", event.consultationId())
                .append("title", event.title())
                .append("summary", event.summary())
                .append("status", event.status().name())
                .append("visibility", event.visibility().name())
                .append("version", event.version())
                .append("round", null)
                .append("proposer", actorDocument(event.proposer()))
                .append("provisions", event.provisions().stream().map(ConsultationProjection::provisionDocument).toList())
                .append("createdAt", Date.from(at));
        consultations.replaceOne(Filters.eq("_id", event.consultationId()), document, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        consultations.deleteMany(new Document());
    }

    @QueryHandler
    List<ConsultationSummary> handle(FindConsultationsQuery query) {
        List<ConsultationSummary> found = new ArrayList<>();
        var filter = query.includeRestricted() ? new Document() : Filters.eq("visibility", Visibility.PUBLIC.name());
        for (Document document : consultations.find(filter).sort(Sorts.descending("createdAt"))) {
            found.add(new ConsultationSummary(document.getString("_id"), document.getString("title"),
                    ConsultationStatus.valueOf(document.getString("status")),
                    Visibility.valueOf(document.getString("visibility")), document.getInteger("version"),
                    roundNumber(document), actor(document.get("proposer", Document.class))));
        }
        return found;
    }

    @QueryHandler
    Optional<ConsultationDetail> handle(FindConsultationQuery query) {
        Document document = consultations.find(Filters.eq("_id", query.consultationId())).first();
        if (document == null) {
            return Optional.empty();
        }
        List<Provision> provisions = document.getList("provisions", Document.class).stream()
                .map(p -> new Provision(p.getString("provisionId"), p.getString("label"), p.getString("text")))
                .toList();
        return Optional.of(new ConsultationDetail(document.getString("_id"), document.getString("title"),
                document.getString("summary"), ConsultationStatus.valueOf(document.getString("status")),
                Visibility.valueOf(document.getString("visibility")), document.getInteger("version"),
                actor(document.get("proposer", Document.class)), round(document.get("round", Document.class)),
                provisions, document.getDate("createdAt").toInstant()));
    }

    private static int roundNumber(Document consultation) {
        Document round = consultation.get("round", Document.class);
        return round == null ? 0 : round.getInteger("number");
    }

    private static ConsultationDetail.Round round(Document round) {
        if (round == null) {
            return null;
        }
        Date deadline = round.getDate("deadline");
        return new ConsultationDetail.Round(round.getInteger("number"),
                deadline == null ? null : deadline.toInstant(), round.getString("status"));
    }

    private static Document actorDocument(Actor actor) {
        return new Document("participantId", actor.participantId())
                .append("organisation", actor.organisation())
                .append("stakeholderType", actor.stakeholderType() == null ? null : actor.stakeholderType().name());
    }

    private static Actor actor(Document document) {
        String type = document.getString("stakeholderType");
        return new Actor(document.getString("participantId"), document.getString("organisation"),
                type == null ? null : StakeholderType.valueOf(type));
    }

    private static Document provisionDocument(Provision provision) {
        return new Document("provisionId", provision.provisionId())
                .append("label", provision.label())
                .append("text", provision.text());
    }
}
