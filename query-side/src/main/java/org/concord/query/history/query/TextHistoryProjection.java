package org.concord.query.history.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.conversions.Bson;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Text;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.negotiation.BracketResolvedEvent;
import org.concord.messages.negotiation.CompromiseAcceptedEvent;
import org.concord.messages.negotiation.ProvisionStatusChangedEvent;
import org.concord.messages.negotiation.TextBracketedEvent;
import org.concord.messages.participant.Actor;
import org.concord.query.negotiation.query.NegotiationText;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.concord.query.history.query.HistoryDocuments.LastRecorded;
import org.concord.query.history.query.HistoryDocuments.ProvisionNegotiation;
import org.concord.query.history.query.HistoryDocuments.RecordedVersion;
import org.concord.query.history.query.HistoryDocuments.StoredVersionNegotiation;
import org.concord.query.history.query.HistoryDocuments.StoredAmendmentText;
import org.concord.query.history.query.HistoryDocuments.StoredProvenance;
import org.concord.query.history.query.HistoryDocuments.StoredText;
import org.concord.query.history.query.HistoryDocuments.StoredVersion;
import org.concord.query.history.query.HistoryViews.Cause;
import org.concord.query.history.query.HistoryViews.Wording;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.concord.query.history.query.HistoryDocuments.isCheckpoint;
import static org.concord.query.history.query.HistoryDocuments.provisionKey;
import static org.concord.query.history.query.HistoryDocuments.versionId;

/**
 * Folds every change of a consultation's text into its history: each version (its changes, and its
 * whole text every {@value HistoryDocuments#CHECKPOINT_EVERY} versions), the wordings each provision
 * has had, the word-level provenance of the current text, and each version's negotiation state (provision
 * statuses and unresolved brackets as they stood when the version was current). The consultation's current text, stored
 * last, says which version has been recorded, so an event delivered again after a crash is skipped, and
 * every write before it is an upsert of the same document or a push guarded by the version.
 */
@Component
@ProcessingGroup(HistoryProcessing.PROCESSING_GROUP)
public class TextHistoryProjection {

    private static final String ID = "_id";
    static final String TEXTS = "historyTexts";
    static final String VERSIONS = "versions";
    static final String PROVISION_HISTORIES = "provisionHistories";
    static final String PROVENANCE = "provenance";
    private static final String AMENDMENTS = "historyAmendments";
    static final String VERSION_NEGOTIATIONS = "versionNegotiations";

    private final ReadModelCollection texts;
    private final ReadModelCollection versions;
    private final ReadModelCollection provisionHistories;
    private final ReadModelCollection provenance;
    private final ReadModelCollection amendments;
    private final ReadModelCollection versionNegotiations;

    public TextHistoryProjection(ReadModels readModels) {
        this.texts = readModels.collection(TEXTS);
        this.versions = readModels.collection(VERSIONS);
        this.provisionHistories = readModels.collection(PROVISION_HISTORIES);
        this.provenance = readModels.collection(PROVENANCE);
        this.amendments = readModels.collection(AMENDMENTS);
        this.versionNegotiations = readModels.collection(VERSION_NEGOTIATIONS);
    }

    @EventHandler
    void on(ConsultationCreatedEvent event, @Timestamp Instant at) {
        if (texts.writing().find(byId(event.consultationId())).first() != null) {
            return;
        }
        Cause cause = new Cause("CREATION", null, event.proposer(), null, null);
        Attribution by = attribution(event.version(), null, event.proposer());
        Text text = new Text(event.provisions());
        List<TextChange> created = event.provisions().stream()
                .map(p -> new TextChange(ChangeKind.INSERT_AFTER, null, p.provisionId(), p.label(), p.text()))
                .toList();
        record(event.consultationId(), event.version(), new Text(List.of()), text, created, cause, at,
                provision -> Provenance.of(provision.text(), by));
        texts.writing(StoredText.class).replaceOne(byId(event.consultationId()),
                new StoredText(event.consultationId(), event.version(), text.provisions(), List.of(at)), new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(AmendmentProposedEvent event) {
        amendments.writing(StoredAmendmentText.class).replaceOne(byId(event.amendmentId()),
                new StoredAmendmentText(event.amendmentId(), event.author(), event.text()), new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(TextRevisedEvent event, @Timestamp Instant at) {
        Attribution by = attribution(event.version(), null, event.by());
        newVersion(event.consultationId(), event.version(), event.changes(),
                new Cause("REVISION", null, event.by(), event.by(), event.reason()), at,
                (before, after) -> before.revisedTo(after, by));
    }

    @EventHandler
    void on(AmendmentAcceptedEvent event, @Timestamp Instant at) {
        StoredAmendmentText amendment = amendments.writing(StoredAmendmentText.class).find(byId(event.amendmentId())).first();
        Actor author = amendment == null ? event.by() : amendment.author();
        Attribution byAuthor = attribution(event.version(), event.amendmentId(), author);
        Attribution byDrafter = attribution(event.version(), event.amendmentId(), event.by());
        String proposed = event.status() == AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS && amendment != null
                ? amendment.text() : null;
        newVersion(event.consultationId(), event.version(), List.of(event.change()),
                new Cause("AMENDMENT", event.amendmentId(), author, event.by(), event.reason()), at,
                (before, after) -> proposed == null ? before.revisedTo(after, byAuthor) : before.revisedTo(after, byAuthor, proposed, byDrafter));
    }

    /** The resolved passage's new words are the resolving drafter's; the version's cause names the bracket. */
    @EventHandler
    void on(BracketResolvedEvent event, @Timestamp Instant at) {
        Attribution byDrafter = attribution(event.version(), null, event.by());
        newVersion(event.consultationId(), event.version(), List.of(event.change()),
                new Cause("BRACKET", null, event.by(), event.by(), event.reason(), event.bracketId(), null), at,
                (before, after) -> before.revisedTo(after, byDrafter),
                (states, before, after) -> VersionNegotiation.resolved(states, event.provisionId(), event.bracketId(),
                        NegotiationText.shift(before.find(event.provisionId()).map(Provision::text).orElse(""),
                                after.find(event.provisionId()).map(Provision::text).orElse(""))));
    }

    /**
     * The compromise's words found in a merged amendment's text are that amendment's author's (the amendments
     * tried in the compromise's order, the first match wins); the rest are the accepting drafter's (the chair's).
     */
    @EventHandler
    void on(CompromiseAcceptedEvent event, @Timestamp Instant at) {
        Map<String, StoredAmendmentText> merged = new HashMap<>();
        amendments.writing(StoredAmendmentText.class).find(Filters.in(ID, event.amendmentIds()))
                .forEach(amendment -> merged.put(amendment.amendmentId(), amendment));
        List<Provenance.Proposal> proposals = new ArrayList<>();
        for (String amendmentId : event.amendmentIds()) {
            StoredAmendmentText amendment = merged.get(amendmentId);
            if (amendment != null && amendment.text() != null) {
                proposals.add(new Provenance.Proposal(amendment.text(), attribution(event.version(), amendmentId, amendment.author())));
            }
        }
        Attribution byChair = attribution(event.version(), null, event.by());
        newVersion(event.consultationId(), event.version(), List.of(event.change()),
                new Cause("COMPROMISE", null, event.by(), event.by(), event.reason(), null, event.compromiseId()), at,
                (before, after) -> before.merging(after, proposals, byChair), (states, before, after) -> states);
    }

    /** A status change while a version is current is part of that version's negotiation state. */
    @EventHandler
    void on(ProvisionStatusChangedEvent event) {
        negotiate(event.consultationId(), states -> VersionNegotiation.withStatus(states, event.provisionId(), event.to()));
    }

    /** Added to the version it was made in only while that is current: handled again later, it was resolved or is there. */
    @EventHandler
    void on(TextBracketedEvent event) {
        RecordedVersion recorded = recordedVersion(event.consultationId());
        if (recorded != null && recorded.version() == event.version()) {
            negotiate(event.consultationId(), states -> VersionNegotiation.withBracket(states, event));
        }
    }

    @ResetHandler
    void reset() {
        List.of(texts, versions, provisionHistories, provenance, amendments, versionNegotiations).forEach(collection -> collection.writing().drop());
    }

    private interface Revision {
        Provenance apply(Provenance before, String after);
    }

    /** How a new version's negotiation state follows from the previous version's (deleted provisions aside). */
    private interface Renegotiation {
        List<ProvisionNegotiation> apply(List<ProvisionNegotiation> states, Text before, Text after);
    }

    private void newVersion(String consultationId, int version, List<TextChange> changes, Cause cause, Instant at,
                            Revision revision) {
        newVersion(consultationId, version, changes, cause, at, revision, (states, before, after) -> states);
    }

    private void newVersion(String consultationId, int version, List<TextChange> changes, Cause cause, Instant at,
                            Revision revision, Renegotiation renegotiation) {
        StoredText current = texts.writing(StoredText.class).find(byId(consultationId)).first();
        if (current == null || current.version() >= version) {
            return;
        }
        Text before = new Text(current.provisions());
        Text after = before;
        for (TextChange change : changes) {
            after = after.apply(change);
        }
        Map<String, Provenance> previous = new HashMap<>();
        for (StoredProvenance stored : provenance.writing(StoredProvenance.class).find(Filters.in(ID, changedIds(consultationId, changes)))) {
            previous.put(stored.provisionId(), new Provenance(stored.spans()));
        }
        record(consultationId, version, before, after, changes, cause, at, provision -> revision.apply(
                previous.getOrDefault(provision.provisionId(), new Provenance(List.of())), provision.text()));
        StoredVersionNegotiation was = versionNegotiations.writing(StoredVersionNegotiation.class)
                .find(byId(versionId(consultationId, current.version()))).first();
        if (was != null) {
            List<ProvisionNegotiation> states = VersionNegotiation.carriedOver(renegotiation.apply(was.provisions(), before, after), after);
            String id = versionId(consultationId, version);
            versionNegotiations.writing(StoredVersionNegotiation.class).replaceOne(byId(id), new StoredVersionNegotiation(id, states),
                    new ReplaceOptions().upsert(true));
        }
        texts.writing().updateOne(byId(consultationId), Updates.combine(
                Updates.set(HistoryDocuments.VERSION, version),
                Updates.set(HistoryDocuments.PROVISIONS, after.provisions()),
                Updates.push(HistoryDocuments.TIMES, at)));
    }

    /**
     * Stores version {@code version}: its document, the new wording of every provision it changed, and
     * the provenance of those still in the text ({@code provenanceOf} is asked for each).
     */
    private void record(String consultationId, int version, Text before, Text after, List<TextChange> changes,
                        Cause cause, Instant at, Function<Provision, Provenance> provenanceOf) {
        String id = versionId(consultationId, version);
        versions.writing(StoredVersion.class).replaceOne(byId(id), new StoredVersion(id, consultationId, version, at, cause, changes,
                isCheckpoint(version) ? after.provisions() : null), new ReplaceOptions().upsert(true));

        List<WriteModel<StoredProvenance>> spans = new ArrayList<>();
        for (String provisionId : changedProvisions(changes)) {
            Optional<Provision> now = after.find(provisionId);
            Provision was = before.find(provisionId).orElse(null);
            Wording wording = new Wording(version, now.map(Provision::label).orElse(was == null ? null : was.label()),
                    now.map(Provision::text).orElse(null), now.isEmpty(), cause);
            appendWording(consultationId, provisionId, version, wording);
            String key = provisionKey(consultationId, provisionId);
            now.ifPresent(provision -> spans.add(new ReplaceOneModel<>(byId(key),
                    new StoredProvenance(key, consultationId, provisionId, provenanceOf.apply(provision).spans()),
                    new ReplaceOptions().upsert(true))));
        }
        if (!spans.isEmpty()) {
            provenance.writing(StoredProvenance.class).bulkWrite(spans);
        }
    }

    /**
     * Adds a wording to a provision's history unless this version's is there already. Read and written by
     * _id alone: the embedded server's unique index serves only a filter on exactly its key and reads the
     * whole collection for any other. Nothing writes the history in between, as a consultation's events are
     * handled one at a time (HistoryProcessing).
     */
    private void appendWording(String consultationId, String provisionId, int version, Wording wording) {
        String id = provisionKey(consultationId, provisionId);
        LastRecorded recorded = provisionHistories.writing(LastRecorded.class).find(byId(id))
                .projection(Projections.include(HistoryDocuments.LAST_VERSION)).first();
        if (recorded != null && recorded.lastVersion() >= version) {
            return;
        }
        provisionHistories.writing().updateOne(byId(id),
                Updates.combine(Updates.push(HistoryDocuments.ENTRIES, wording), Updates.set(HistoryDocuments.LAST_VERSION, version),
                        Updates.setOnInsert(HistoryDocuments.CONSULTATION_ID, consultationId),
                        Updates.setOnInsert(HistoryDocuments.PROVISION_ID, provisionId)),
                new UpdateOptions().upsert(true));
    }

    /** Changes the negotiation state of the consultation's current version. */
    private void negotiate(String consultationId, UnaryOperator<List<ProvisionNegotiation>> change) {
        RecordedVersion recorded = recordedVersion(consultationId);
        if (recorded == null) {
            return;
        }
        String id = versionId(consultationId, recorded.version());
        StoredVersionNegotiation stored = versionNegotiations.writing(StoredVersionNegotiation.class).find(byId(id)).first();
        List<ProvisionNegotiation> states = change.apply(stored == null ? List.of() : stored.provisions());
        versionNegotiations.writing(StoredVersionNegotiation.class).replaceOne(byId(id), new StoredVersionNegotiation(id, states),
                new ReplaceOptions().upsert(true));
    }

    private RecordedVersion recordedVersion(String consultationId) {
        return texts.writing(RecordedVersion.class).find(byId(consultationId))
                .projection(Projections.include(HistoryDocuments.VERSION)).first();
    }

    private static Set<String> changedProvisions(List<TextChange> changes) {
        Set<String> changed = new LinkedHashSet<>();
        changes.forEach(change -> changed.add(Text.changedProvisionId(change)));
        return changed;
    }

    private static List<String> changedIds(String consultationId, List<TextChange> changes) {
        return changedProvisions(changes).stream().map(id -> provisionKey(consultationId, id)).collect(Collectors.toList());
    }

    private static Attribution attribution(int version, String amendmentId, Actor actor) {
        return new Attribution(version, amendmentId, actor.participantId(), actor.organisation(), actor.stakeholderType());
    }

    private static Bson byId(String id) {
        return Filters.eq(ID, id);
    }
}
