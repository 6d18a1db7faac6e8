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
import org.bson.Document;
import org.concord.messages.amendment.AmendmentAcceptedEvent;
import org.concord.messages.amendment.AmendmentProposedEvent;
import org.concord.messages.amendment.AmendmentStatus;
import org.concord.messages.consultation.ChangeKind;
import org.concord.messages.consultation.ConsultationCreatedEvent;
import org.concord.messages.consultation.Provision;
import org.concord.messages.consultation.Text;
import org.concord.messages.consultation.TextChange;
import org.concord.messages.consultation.TextRevisedEvent;
import org.concord.messages.participant.Actor;
import org.concord.query.readmodel.ReadModelCollection;
import org.concord.query.readmodel.ReadModels;
import org.concord.query.shared.ActorDocuments;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.concord.query.history.query.HistoryDocuments.isCheckpoint;
import static org.concord.query.history.query.HistoryDocuments.provisionKey;
import static org.concord.query.history.query.HistoryDocuments.versionId;

/**
 * Folds every change of a consultation's text into its history: each version (its changes, and its
 * whole text every {@value HistoryDocuments#CHECKPOINT_EVERY} versions), the wordings each provision
 * has had, and the word-level provenance of the current text. The consultation's current text, stored
 * last, says which version has been recorded, so an event delivered again after a crash is skipped, and
 * every write before it is an upsert of the same document or a push guarded by the version.
 */
@Component
@ProcessingGroup(HistoryProcessing.PROCESSING_GROUP)
public class TextHistoryProjection {

    static final String TEXTS = "historyTexts";
    static final String VERSIONS = "versions";
    static final String PROVISION_HISTORIES = "provisionHistories";
    static final String PROVENANCE = "provenance";
    private static final String AMENDMENTS = "historyAmendments";

    private final ReadModelCollection texts;
    private final ReadModelCollection versions;
    private final ReadModelCollection provisionHistories;
    private final ReadModelCollection provenance;
    private final ReadModelCollection amendments;

    public TextHistoryProjection(ReadModels readModels) {
        this.texts = readModels.collection(TEXTS);
        this.versions = readModels.collection(VERSIONS);
        this.provisionHistories = readModels.collection(PROVISION_HISTORIES);
        this.provenance = readModels.collection(PROVENANCE);
        this.amendments = readModels.collection(AMENDMENTS);
    }

    @EventHandler
    void on(ConsultationCreatedEvent event, @Timestamp Instant at) {
        if (texts.writing().find(Filters.eq("_id", event.consultationId())).first() != null) {
            return;
        }
        Document cause = cause("CREATION", null, event.proposer(), null, null);
        Attribution by = attribution(event.version(), null, event.proposer());
        Text text = new Text(event.provisions());
        List<TextChange> created = event.provisions().stream()
                .map(p -> new TextChange(ChangeKind.INSERT_AFTER, null, p.provisionId(), p.label(), p.text()))
                .toList();
        record(event.consultationId(), event.version(), new Text(List.of()), text, created, cause, at,
                provision -> Provenance.of(provision.text(), by));
        texts.writing().replaceOne(Filters.eq("_id", event.consultationId()),
                new Document("_id", event.consultationId()).append("version", event.version())
                        .append("provisions", HistoryDocuments.text(text)).append("times", List.of(Date.from(at))),
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(AmendmentProposedEvent event) {
        amendments.writing().replaceOne(Filters.eq("_id", event.amendmentId()),
                new Document("_id", event.amendmentId()).append("author", ActorDocuments.actor(event.author()))
                        .append("text", event.text()),
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(TextRevisedEvent event, @Timestamp Instant at) {
        Attribution by = attribution(event.version(), null, event.by());
        newVersion(event.consultationId(), event.version(), event.changes(),
                cause("REVISION", null, event.by(), event.by(), event.reason()), at,
                (before, after) -> before.revisedTo(after, by));
    }

    @EventHandler
    void on(AmendmentAcceptedEvent event, @Timestamp Instant at) {
        Document amendment = amendments.writing().find(Filters.eq("_id", event.amendmentId())).first();
        Actor author = amendment == null ? event.by() : ActorDocuments.actor(amendment.get("author", Document.class));
        Attribution byAuthor = attribution(event.version(), event.amendmentId(), author);
        Attribution byDrafter = attribution(event.version(), event.amendmentId(), event.by());
        String proposed = event.status() == AmendmentStatus.ACCEPTED_WITH_MODIFICATIONS && amendment != null
                ? amendment.getString("text") : null;
        newVersion(event.consultationId(), event.version(), List.of(event.change()),
                cause("AMENDMENT", event.amendmentId(), author, event.by(), event.reason()), at,
                (before, after) -> proposed == null ? before.revisedTo(after, byAuthor) : before.revisedTo(after, byAuthor, proposed, byDrafter));
    }

    @ResetHandler
    void reset() {
        List.of(texts, versions, provisionHistories, provenance, amendments).forEach(collection -> collection.writing().drop());
    }

    private interface Revision {
        Provenance apply(Provenance before, String after);
    }

    private void newVersion(String consultationId, int version, List<TextChange> changes, Document cause, Instant at,
                            Revision revision) {
        Document current = texts.writing().find(Filters.eq("_id", consultationId)).first();
        if (current == null || current.getInteger("version") >= version) {
            return;
        }
        Text before = HistoryDocuments.text(current.getList("provisions", Document.class));
        Text after = before;
        for (TextChange change : changes) {
            after = after.apply(change);
        }
        Map<String, Provenance> previous = new HashMap<>();
        for (Document stored : provenance.writing().find(Filters.in("_id", changedIds(consultationId, changes)))) {
            previous.put(stored.getString("provisionId"), HistoryDocuments.provenance(stored.getList("spans", Document.class)));
        }
        record(consultationId, version, before, after, changes, cause, at, provision -> revision.apply(
                previous.getOrDefault(provision.provisionId(), new Provenance(List.of())), provision.text()));
        texts.writing().updateOne(Filters.eq("_id", consultationId), Updates.combine(
                Updates.set("version", version),
                Updates.set("provisions", HistoryDocuments.text(after)),
                Updates.push("times", Date.from(at))));
    }

    /**
     * Stores version {@code version}: its document, the new wording of every provision it changed, and
     * the provenance of those still in the text ({@code provenanceOf} is asked for each).
     */
    private void record(String consultationId, int version, Text before, Text after, List<TextChange> changes,
                        Document cause, Instant at, Function<Provision, Provenance> provenanceOf) {
        Document versionDocument = new Document("_id", versionId(consultationId, version))
                .append("consultationId", consultationId)
                .append("version", version)
                .append("createdAt", Date.from(at))
                .append("cause", cause)
                .append("changes", changes.stream().map(HistoryDocuments::change).toList());
        if (isCheckpoint(version)) {
            versionDocument.append("text", HistoryDocuments.text(after));
        }
        versions.writing().replaceOne(Filters.eq("_id", versionDocument.getString("_id")), versionDocument, new ReplaceOptions().upsert(true));

        List<WriteModel<Document>> spans = new ArrayList<>();
        for (String provisionId : changedProvisions(changes)) {
            Optional<Provision> now = after.find(provisionId);
            Provision was = before.find(provisionId).orElse(null);
            Document entry = new Document("version", version)
                    .append("label", now.map(Provision::label).orElse(was == null ? null : was.label()))
                    .append("text", now.map(Provision::text).orElse(null))
                    .append("deleted", now.isEmpty())
                    .append("cause", cause);
            appendWording(consultationId, provisionId, version, entry);
            now.ifPresent(provision -> spans.add(new ReplaceOneModel<>(Filters.eq("_id", provisionKey(consultationId, provisionId)),
                    new Document("_id", provisionKey(consultationId, provisionId)).append("consultationId", consultationId)
                            .append("provisionId", provisionId)
                            .append("spans", HistoryDocuments.spans(provenanceOf.apply(provision))),
                    new ReplaceOptions().upsert(true))));
        }
        if (!spans.isEmpty()) {
            provenance.writing().bulkWrite(spans);
        }
    }

    /**
     * Adds a wording to a provision's history unless this version's is there already. Read and written by
     * _id alone: the embedded server's unique index serves only a filter on exactly its key and reads the
     * whole collection for any other. Nothing writes the history in between, as a consultation's events are
     * handled one at a time (HistoryProcessing).
     */
    private void appendWording(String consultationId, String provisionId, int version, Document entry) {
        String id = provisionKey(consultationId, provisionId);
        Document recorded = provisionHistories.writing().find(Filters.eq("_id", id)).projection(Projections.include("lastVersion")).first();
        if (recorded != null && recorded.getInteger("lastVersion") >= version) {
            return;
        }
        provisionHistories.writing().updateOne(Filters.eq("_id", id),
                Updates.combine(Updates.push("entries", entry), Updates.set("lastVersion", version),
                        Updates.setOnInsert("consultationId", consultationId), Updates.setOnInsert("provisionId", provisionId)),
                new UpdateOptions().upsert(true));
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

    private static Document cause(String type, String amendmentId, Actor author, Actor decidedBy, String reason) {
        return new Document("type", type).append("amendmentId", amendmentId)
                .append("author", author == null ? null : ActorDocuments.actor(author))
                .append("decidedBy", decidedBy == null ? null : ActorDocuments.actor(decidedBy))
                .append("reason", reason);
    }
}
