package org.concord.query.negotiation.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.conversions.Bson;
import org.concord.messages.negotiation.AlternativeSupportWithdrawnEvent;
import org.concord.messages.negotiation.AlternativeSupportedEvent;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.CompromiseConsentedEvent;
import org.concord.messages.negotiation.CompromiseObjectedEvent;
import org.concord.messages.negotiation.CompromiseProposedEvent;
import org.concord.messages.negotiation.CompromiseWithdrawnEvent;
import org.concord.messages.negotiation.SilenceBrokenEvent;
import org.concord.messages.negotiation.SilenceProcedureCompletedEvent;
import org.concord.messages.negotiation.SilenceProcedureStartedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.query.consultation.query.ConsultationProjection;
import org.concord.query.negotiation.query.NegotiationQueries.FindBracketQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindBracketsQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindCompromiseQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindCompromisesQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindSilenceProcedureQuery;
import org.concord.query.negotiation.query.NegotiationQueries.FindSilenceProceduresQuery;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The brackets, compromises and silence procedures read models: one document per bracket (its alternatives'
 * supporters and its resolution), per compromise (its parties' answers and where it stands) and per silence
 * procedure. Every write replaces a document with the event applied to it (an answer set, a status set, a
 * supporter added once), so an event delivered again changes nothing. It runs in the consultations
 * processing group so that one consultation's events stay in order.
 */
@Component
@ProcessingGroup(ConsultationProjection.PROCESSING_GROUP)
public class NegotiationProjection {

    static final String BRACKETS = "brackets";
    static final String COMPROMISES = "compromises";
    static final String SILENCE_PROCEDURES = "silenceProcedures";
    private static final String ID = "_id";

    private final ReadModelCollection brackets;
    private final ReadModelCollection compromises;
    private final ReadModelCollection silenceProcedures;

    public NegotiationProjection(ReadModels readModels) {
        this.brackets = readModels.collection(BRACKETS);
        this.compromises = readModels.collection(COMPROMISES);
        this.silenceProcedures = readModels.collection(SILENCE_PROCEDURES);
    }

    /** Written only when new: a bracketing delivered again must not forget the supporters or resolution since. */
    @EventHandler
    void on(TextBracketedEvent event, @Timestamp Instant at) {
        if (brackets.writing(StoredBracket.class).find(byId(event.bracketId())).first() == null) {
            brackets.writing(StoredBracket.class).replaceOne(byId(event.bracketId()), StoredBracket.bracketed(event, at),
                    new ReplaceOptions().upsert(true));
        }
    }

    @EventHandler
    void on(AlternativeSupportedEvent event) {
        bracket(event.bracketId(), bracket -> bracket.supporters(event.alternativeId(), supporters -> {
            List<Actor> supporting = new ArrayList<>(supporters);
            supporting.removeIf(s -> s.participantId().equals(event.supporter().participantId()));
            supporting.add(event.supporter());
            return supporting;
        }));
    }

    @EventHandler
    void on(AlternativeSupportWithdrawnEvent event) {
        bracket(event.bracketId(), bracket -> bracket.supporters(event.alternativeId(), supporters -> supporters.stream()
                .filter(s -> !s.participantId().equals(event.supporter().participantId())).toList()));
    }

    @EventHandler
    void on(BracketResolvedEvent event, @Timestamp Instant at) {
        bracket(event.bracketId(), bracket -> bracket.resolved(event, at));
    }

    @EventHandler
    void on(CompromiseProposedEvent event, @Timestamp Instant at) {
        StoredCompromise compromise = new StoredCompromise(event.compromiseId(), event.consultationId(), event.provisionId(), event.text(),
                event.amendmentIds(), event.parties().stream().map(party -> new StoredCompromise.Party(party, null, null, null)).toList(),
                event.deadline(), "PENDING", null, event.by(), at, event.note());
        compromises.writing(StoredCompromise.class).replaceOne(byId(event.compromiseId()), compromise, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(CompromiseConsentedEvent event, @Timestamp Instant at) {
        compromise(event.compromiseId(), compromise -> compromise.answered(event.organisation(), "CONSENTED", null, at));
    }

    @EventHandler
    void on(CompromiseObjectedEvent event, @Timestamp Instant at) {
        compromise(event.compromiseId(), compromise -> compromise.answered(event.organisation(), "OBJECTED", event.reason(), at));
    }

    @EventHandler
    void on(CompromiseAcceptedEvent event) {
        compromise(event.compromiseId(), compromise -> compromise.decided("ACCEPTED", event.version()));
    }

    @EventHandler
    void on(CompromiseWithdrawnEvent event) {
        compromise(event.compromiseId(), compromise -> compromise.decided("WITHDRAWN", null));
    }

    @EventHandler
    void on(SilenceProcedureStartedEvent event, @Timestamp Instant at) {
        silenceProcedures.writing(StoredSilence.class).replaceOne(byId(event.procedureId()), StoredSilence.started(event, at),
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(SilenceBrokenEvent event, @Timestamp Instant at) {
        silence(event.procedureId(), silence -> silence.broken(event, at));
    }

    @EventHandler
    void on(SilenceProcedureCompletedEvent event, @Timestamp Instant at) {
        silence(event.procedureId(), silence -> silence.completed(at));
    }

    @ResetHandler
    void reset() {
        brackets.writing().drop();
        compromises.writing().drop();
        silenceProcedures.writing().drop();
    }

    @QueryHandler
    public List<BracketView> handle(FindBracketsQuery query) {
        List<BracketView> found = new ArrayList<>();
        brackets.reading(StoredBracket.class).find(Filters.eq(StoredBracket.CONSULTATION_ID, query.consultationId()))
                .sort(Sorts.ascending(StoredBracket.BRACKETED_AT, ID)).forEach(bracket -> found.add(bracket.view()));
        return found;
    }

    @QueryHandler
    public Optional<BracketView> handle(FindBracketQuery query) {
        return Optional.ofNullable(brackets.reading(StoredBracket.class).find(byId(query.bracketId())).first())
                .filter(bracket -> bracket.consultationId().equals(query.consultationId()))
                .map(StoredBracket::view);
    }

    @QueryHandler
    public List<CompromiseView> handle(FindCompromisesQuery query) {
        List<CompromiseView> found = new ArrayList<>();
        compromises.reading(StoredCompromise.class).find(Filters.eq(StoredCompromise.CONSULTATION_ID, query.consultationId()))
                .sort(Sorts.ascending(StoredCompromise.PROPOSED_AT, ID)).forEach(compromise -> found.add(compromise.view()));
        return found;
    }

    @QueryHandler
    public Optional<CompromiseView> handle(FindCompromiseQuery query) {
        return Optional.ofNullable(compromises.reading(StoredCompromise.class).find(byId(query.compromiseId())).first())
                .filter(compromise -> compromise.consultationId().equals(query.consultationId()))
                .map(StoredCompromise::view);
    }

    @QueryHandler
    public List<SilenceView> handle(FindSilenceProceduresQuery query) {
        List<SilenceView> found = new ArrayList<>();
        silenceProcedures.reading(StoredSilence.class).find(Filters.eq(StoredSilence.CONSULTATION_ID, query.consultationId()))
                .sort(Sorts.ascending(StoredSilence.STARTED_AT, ID)).forEach(silence -> found.add(silence.view()));
        return found;
    }

    @QueryHandler
    public Optional<SilenceView> handle(FindSilenceProcedureQuery query) {
        return Optional.ofNullable(silenceProcedures.reading(StoredSilence.class).find(byId(query.procedureId())).first())
                .filter(silence -> silence.consultationId().equals(query.consultationId()))
                .map(StoredSilence::view);
    }

    private void bracket(String bracketId, UnaryOperator<StoredBracket> change) {
        StoredBracket bracket = brackets.writing(StoredBracket.class).find(byId(bracketId)).first();
        if (bracket != null) {
            brackets.writing(StoredBracket.class).replaceOne(byId(bracketId), change.apply(bracket));
        }
    }

    private void compromise(String compromiseId, UnaryOperator<StoredCompromise> change) {
        StoredCompromise compromise = compromises.writing(StoredCompromise.class).find(byId(compromiseId)).first();
        if (compromise != null) {
            compromises.writing(StoredCompromise.class).replaceOne(byId(compromiseId), change.apply(compromise));
        }
    }

    private void silence(String procedureId, UnaryOperator<StoredSilence> change) {
        StoredSilence silence = silenceProcedures.writing(StoredSilence.class).find(byId(procedureId)).first();
        if (silence != null) {
            silenceProcedures.writing(StoredSilence.class).replaceOne(byId(procedureId), change.apply(silence));
        }
    }

    private static Bson byId(String id) {
        return Filters.eq(ID, id);
    }
}
