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
import org.concord.messages.consultation.CountAmendmentsByConsultationQuery;
import org.concord.messages.consultation.CountsByConsultation;
import org.concord.messages.consultation.FindConsultationQuery;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.participant.Actor;
import org.concord.query.consultation.query.ConsultationDetail;
import org.concord.query.consultation.query.ConsultationProjection;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
        StoredAmendment amendment = new StoredAmendment(event.amendmentId(), event.consultationId(), event.kind(),
                event.provisionId(), event.baseVersion(), event.text(), event.label(), event.justification(),
                AmendmentStatus.PROPOSED, event.round(), event.author(), List.of(), null, at);
        amendments.writing(StoredAmendment.class).replaceOne(byId(event.amendmentId()), amendment, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(AmendmentSupportedEvent event) {
        amendments.writing().updateOne(byId(event.amendmentId()), Updates.addToSet(StoredAmendment.SUPPORTERS, event.supporter()));
    }

    @EventHandler
    void on(AmendmentSupportWithdrawnEvent event) {
        amendments.writing().updateOne(byId(event.amendmentId()), Updates.pull(StoredAmendment.SUPPORTERS,
                Filters.eq(StoredAmendment.SUPPORTER_ID, event.supporter().participantId())));
    }

    @EventHandler
    void on(AmendmentWithdrawnEvent event) {
        amendments.writing().updateOne(byId(event.amendmentId()), Updates.set(StoredAmendment.STATUS, AmendmentStatus.WITHDRAWN));
    }

    @EventHandler
    void on(AmendmentAcceptedEvent event, @Timestamp Instant at) {
        decide(event.amendmentId(), event.status(), event.by(), event.reason(), at, event.version());
    }

    @EventHandler
    void on(AmendmentRejectedEvent event, @Timestamp Instant at) {
        decide(event.amendmentId(), AmendmentStatus.REJECTED, event.by(), event.reason(), at, null);
    }

    /** Each merged amendment is disposed of as MERGED, with the compromise named in the reason and the version it made. */
    @EventHandler
    void on(CompromiseAcceptedEvent event, @Timestamp Instant at) {
        String reason = "merged into compromise " + event.compromiseId()
                + (event.reason() == null || event.reason().isBlank() ? "" : ": " + event.reason());
        event.amendmentIds().forEach(amendmentId -> decide(amendmentId, AmendmentStatus.MERGED, event.by(), reason, at, event.version()));
    }

    @ResetHandler
    void reset() {
        amendments.writing().drop();
    }

    @QueryHandler
    CountsByConsultation handle(CountAmendmentsByConsultationQuery query) {
        return new CountsByConsultation(amendments.countBy(StoredAmendment.CONSULTATION_ID));
    }

    @QueryHandler
    List<AmendmentView> handle(FindAmendmentsQuery query) {
        Bson filter = Filters.eq(StoredAmendment.CONSULTATION_ID, query.consultationId());
        if (query.status() != null) {
            filter = Filters.and(filter, Filters.eq(StoredAmendment.STATUS, query.status()));
        }
        Optional<ConsultationDetail> consultation = consultation(query.consultationId());
        List<AmendmentView> found = new ArrayList<>();
        for (StoredAmendment amendment : amendments.reading(StoredAmendment.class).find(filter).sort(Sorts.ascending(StoredAmendment.PROPOSED_AT))) {
            found.add(withStaleness(amendment.view(), consultation));
        }
        return found;
    }

    @QueryHandler
    Optional<AmendmentView> handle(FindAmendmentQuery query) {
        StoredAmendment amendment = amendments.reading(StoredAmendment.class).find(byId(query.amendmentId())).first();
        if (amendment == null || !query.consultationId().equals(amendment.consultationId())) {
            return Optional.empty();
        }
        return Optional.of(withStaleness(amendment.view(), consultation(query.consultationId())));
    }

    private void decide(String amendmentId, AmendmentStatus status, Actor by, String reason, Instant at, Integer version) {
        amendments.writing().updateOne(byId(amendmentId), Updates.combine(
                Updates.set(StoredAmendment.STATUS, status),
                Updates.set(StoredAmendment.DECISION,
                        new StoredAmendment.Decision(by.participantId(), by.organisation(), reason, at, version))));
    }

    private Optional<ConsultationDetail> consultation(String consultationId) {
        return consultations.handle(new FindConsultationQuery(consultationId));
    }

    private static AmendmentView withStaleness(AmendmentView view, Optional<ConsultationDetail> consultation) {
        boolean stale = view.status() == AmendmentStatus.PROPOSED
                && consultation.map(c -> c.isStale(view.provisionId(), view.baseVersion())).orElse(false);
        return view.withStale(stale);
    }

    private static Bson byId(String amendmentId) {
        return Filters.eq("_id", amendmentId);
    }
}
